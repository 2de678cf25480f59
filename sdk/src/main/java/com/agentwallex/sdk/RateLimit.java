package com.agentwallex.sdk;

/**
 * A limit on a key's successful calls: at most {@code limit} in each fixed window of
 * {@code windowSeconds} (1 to 86,400). Over it, calls are refused with 429
 * ({@link RateLimitedException}). {@code name} ("1s", "1m", "1d", …) is what the RateLimit
 * headers call it; it is set by the API and ignored when sent.
 */
public record RateLimit(String name, Long limit, Integer windowSeconds) {

    public static RateLimit perSecond(long limit) {
        return of(limit, 1);
    }

    public static RateLimit perMinute(long limit) {
        return of(limit, 60);
    }

    public static RateLimit perDay(long limit) {
        return of(limit, 86_400);
    }

    public static RateLimit of(long limit, int windowSeconds) {
        return new RateLimit(null, limit, windowSeconds);
    }

    /** As a request carries them: without the name, which only the API gives. */
    static java.util.List<RateLimit> forRequest(RateLimit... limits) {
        return java.util.Arrays.stream(limits).map(l -> of(l.limit(), l.windowSeconds())).toList();
    }
}
