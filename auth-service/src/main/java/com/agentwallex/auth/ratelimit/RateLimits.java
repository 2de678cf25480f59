package com.agentwallex.auth.ratelimit;

import com.agentwallex.auth.AuthConfig;
import com.agentwallex.common.ratelimit.FailureRateLimiter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Failed exchanges, refreshes and sign-ins share one limiter per client IP, sized by {@code awx.auth.rate-limit}. */
class RateLimits {

    @Produces
    @Singleton
    FailureRateLimiter failureRateLimiter(AuthConfig config) {
        return new FailureRateLimiter(config.rateLimit().failuresPerWindow(), config.rateLimit().window());
    }
}
