package com.agentwallex.common.ratelimit;

import com.agentwallex.common.web.ApiException;

/** 429: too many failures from this client; {@link #retryAfterSeconds()} goes in Retry-After. */
public final class RateLimitedException extends ApiException {

    private final long retryAfterSeconds;

    public RateLimitedException(long retryAfterSeconds) {
        super(429, "rate_limited", "Too many failed attempts",
                "Too many failed attempts from this client; retry after " + retryAfterSeconds + " s.");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
