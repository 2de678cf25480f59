package com.agentwallex.sdk;

import java.time.Duration;
import java.util.Optional;

/** 429: too many requests; wait {@link #retryAfter()} (the server's Retry-After) before the next. */
public final class RateLimitedException extends ApiException {

    private final Duration retryAfter;

    RateLimitedException(Problem problem) {
        super(problem, null);
        this.retryAfter = problem.retryAfter();
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
