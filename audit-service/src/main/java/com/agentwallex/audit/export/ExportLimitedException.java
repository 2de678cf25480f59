package com.agentwallex.audit.export;

import com.agentwallex.contract.problem.ApiException;

/** 429: the organization has started its exports for this window. */
final class ExportLimitedException extends ApiException {

    private final long retryAfterSeconds;

    ExportLimitedException(int limit, long retryAfterSeconds) {
        super(429, "rate_limited", "Too many exports",
                "This organization may start " + limit + " exports per window; retry after " + retryAfterSeconds + " s.");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
