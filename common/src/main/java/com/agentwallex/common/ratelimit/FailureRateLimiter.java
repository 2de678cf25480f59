package com.agentwallex.common.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts failures (exchanges, refreshes, key verifications) per client IP in fixed windows.
 * Guessing codes, tokens or keys costs a client its window; successes cost nothing. The IP is the
 * connection's unless the hop is a trusted proxy, so a spoofed X-Forwarded-For lands in the
 * attacker's own bucket.
 */
public final class FailureRateLimiter {

    record Window(Instant start, AtomicInteger failures) {
    }

    private final int limit;
    private final Duration window;
    private final Cache<String, Window> windows;

    public FailureRateLimiter(int limit, Duration window) {
        this.limit = limit;
        this.window = window;
        this.windows = Caffeine.newBuilder().expireAfterWrite(window).maximumSize(100_000).build();
    }

    /** Seconds to wait before trying again, or 0 when the client may go on. */
    public long retryAfterSeconds(String ip) {
        Window w = windows.getIfPresent(key(ip));
        if (w == null || w.failures().get() < limit) {
            return 0;
        }
        return Math.max(1, Duration.between(Instant.now(), w.start().plus(window)).toSeconds() + 1);
    }

    /** @return true exactly when this failure used up the window (audit it once, not per request). */
    public boolean recordFailure(String ip) {
        Window w = windows.get(key(ip), k -> new Window(Instant.now(), new AtomicInteger()));
        return w.failures().incrementAndGet() == limit;
    }

    private static String key(String ip) {
        return ip == null ? "unknown" : ip;
    }
}
