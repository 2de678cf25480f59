package com.agentwallex.common.ratelimit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One limit on a key's successful calls: at most {@code limit} requests in each fixed window of
 * {@code windowSeconds}, windows aligned to the Unix epoch (so every replica and apikey-service
 * agree on which window a moment belongs to without talking). The wire form is
 * {@code "<limit>/<window seconds>"}, e.g. {@code "10/1"} or {@code "100000/86400"}.
 */
public record RateLimitPolicy(long limit, int windowSeconds) implements Comparable<RateLimitPolicy> {

    public static final long MAX_LIMIT = 1_000_000_000L;
    public static final int MAX_WINDOW_SECONDS = 86_400;
    public static final int MAX_POLICIES = 4;

    public RateLimitPolicy {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
        if (windowSeconds < 1 || windowSeconds > MAX_WINDOW_SECONDS) {
            throw new IllegalArgumentException("window_seconds must be between 1 and " + MAX_WINDOW_SECONDS);
        }
    }

    /** The policy's name in the RateLimit-Policy header and in events: its window, e.g. "1s", "1m", "1h", "1d", "90s". */
    public String name() {
        if (windowSeconds % 86_400 == 0) {
            return windowSeconds / 86_400 + "d";
        }
        if (windowSeconds % 3_600 == 0) {
            return windowSeconds / 3_600 + "h";
        }
        if (windowSeconds % 60 == 0) {
            return windowSeconds / 60 + "m";
        }
        return windowSeconds + "s";
    }

    /** The start of the window {@code at} falls in, in epoch seconds. */
    public long windowStart(Instant at) {
        long second = at.getEpochSecond();
        return second - Math.floorMod(second, windowSeconds);
    }

    public String wireForm() {
        return limit + "/" + windowSeconds;
    }

    /** The IETF RateLimit-Policy item: {@code "1m";q=100;w=60}. */
    public String headerItem() {
        return "\"" + name() + "\";q=" + limit + ";w=" + windowSeconds;
    }

    public static Optional<RateLimitPolicy> fromWireForm(String wire) {
        if (wire == null) {
            return Optional.empty();
        }
        int slash = wire.indexOf('/');
        try {
            return Optional.of(new RateLimitPolicy(Long.parseLong(wire.substring(0, slash)),
                    Integer.parseInt(wire.substring(slash + 1))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Wire forms to policies, skipping what is unreadable (a newer writer's form must not lock a caller out). */
    public static List<RateLimitPolicy> fromWireForms(List<String> wire) {
        List<RateLimitPolicy> policies = new ArrayList<>();
        if (wire != null) {
            wire.forEach(w -> fromWireForm(w).ifPresent(policies::add));
        }
        policies.sort(null);
        return List.copyOf(policies);
    }

    public static List<String> wireForms(List<RateLimitPolicy> policies) {
        return policies.stream().map(RateLimitPolicy::wireForm).toList();
    }

    /**
     * Checks a set of policies as a whole: at most {@link #MAX_POLICIES}, one per window.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static List<RateLimitPolicy> checkedSet(List<RateLimitPolicy> policies) {
        if (policies.size() > MAX_POLICIES) {
            throw new IllegalArgumentException("a key may have at most " + MAX_POLICIES + " rate limits");
        }
        Set<Integer> windows = new HashSet<>();
        for (RateLimitPolicy p : policies) {
            if (!windows.add(p.windowSeconds())) {
                throw new IllegalArgumentException("two rate limits with a window of " + p.windowSeconds() + " s");
            }
        }
        List<RateLimitPolicy> sorted = new ArrayList<>(policies);
        sorted.sort(null);
        return List.copyOf(sorted);
    }

    /** Shortest window first: the order of the headers' items. */
    @Override
    public int compareTo(RateLimitPolicy other) {
        return Integer.compare(windowSeconds, other.windowSeconds);
    }
}
