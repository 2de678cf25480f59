package com.agentwallex.contract.problem;

/**
 * 503 with Retry-After: a dependency (PostgreSQL, another service) is away for a moment. Never a
 * 401, so clients keep good credentials and simply retry.
 */
public final class UnavailableException extends ApiException {

    private final long retryAfterSeconds;

    public UnavailableException(String detail, long retryAfterSeconds) {
        super(503, "unavailable", "Service unavailable", detail);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
