package com.agentwallex.common.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts failures (exchanges, refreshes, key verifications) per client IP (per /64 for IPv6) in
 * fixed windows, per replica: N replicas behind a balancer allow up to N times the limit.
 * Guessing codes, tokens or keys costs a client its window; successes cost nothing (an attempt that
 * is looked up takes its place first, {@link #reserve}, and gives it back if it succeeds). The IP is the
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
        return secondsLeft(w);
    }

    /**
     * Counts one attempt that costs whether or not it succeeds (an export), in one step: checking and
     * then counting would let attempts that arrive together all pass the check.
     *
     * @return 0 when it is within the limit, else the seconds to wait (it is refused)
     */
    public long take(String key) {
        Window w = windows.get(key(key), k -> new Window(Instant.now(), new AtomicInteger()));
        if (w.failures().incrementAndGet() <= limit) {
            return 0;
        }
        return secondsLeft(w);
    }

    private long secondsLeft(Window w) {
        return Math.max(1, Duration.between(Instant.now(), w.start().plus(window)).toSeconds() + 1);
    }

    /**
     * A failure counted ahead of an attempt whose outcome comes later (a look-up), in one step with
     * the check: attempts that arrive together cannot all pass a check that only their failures,
     * recorded afterwards, would have failed. An attempt that succeeds gives its place back.
     */
    public static final class Reservation {

        private final AtomicInteger failures;
        private final boolean last;

        private Reservation(AtomicInteger failures, boolean last) {
            this.failures = failures;
            this.last = last;
        }

        /** True when this failure, if it stays one, uses up the window (audit it once, not per request). */
        public boolean usesUpTheWindow() {
            return last;
        }

        /** The attempt succeeded: it was no failure. */
        public void release() {
            failures.decrementAndGet();
        }
    }

    /** @return the attempt's place, or null when the window's failures are spent (it is refused, and not counted) */
    public Reservation reserve(String ip) {
        Window w = windows.get(key(ip), k -> new Window(Instant.now(), new AtomicInteger()));
        int place = w.failures().incrementAndGet();
        if (place > limit) {
            w.failures().decrementAndGet();
            return null;
        }
        return new Reservation(w.failures(), place == limit);
    }

    /** @return true exactly when this failure used up the window (audit it once, not per request). */
    public boolean recordFailure(String ip) {
        Window w = windows.get(key(ip), k -> new Window(Instant.now(), new AtomicInteger()));
        return w.failures().incrementAndGet() == limit;
    }

    /**
     * The bucket of an address: an IPv4 address itself, an IPv6 address its /64, since one
     * subscriber holds a whole /64 and could otherwise rotate through 2^64 fresh buckets.
     */
    static String key(String ip) {
        if (ip == null) {
            return "unknown";
        }
        if (ip.indexOf(':') < 0) {
            return ip;
        }
        try {
            byte[] address = InetAddress.getByName(ip).getAddress();
            if (address.length != 16) {
                return InetAddress.getByAddress(address).getHostAddress(); // an IPv4-mapped address is IPv4
            }
            return HexFormat.of().formatHex(address, 0, 8) + "::/64";
        } catch (UnknownHostException e) {
            return ip;
        }
    }
}
