package com.agentwallex.audit.export;

import com.agentwallex.common.ratelimit.FailureRateLimiter;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Exports per organization in fixed windows, with the codebase's one limiter (per replica, like the
 * failure limits): keyed by organization, and every export counts, not only failures.
 */
@ApplicationScoped
class ExportLimits {

    private final FailureRateLimiter limiter;
    private final int perOrganization;

    ExportLimits(ExportConfig config) {
        this.limiter = new FailureRateLimiter(config.perOrganization(), config.window());
        this.perOrganization = config.perOrganization();
    }

    /** Counts one export of {@code orgId}, or refuses it with a 429 when the window is used up. */
    void take(String orgId) {
        long wait = limiter.take(orgId);
        if (wait > 0) {
            throw new ExportLimitedException(perOrganization, wait);
        }
    }
}
