package com.agentwallex.auth.ratelimit;

import com.agentwallex.auth.AuthConfig;
import com.agentwallex.common.ratelimit.FailureRateLimiter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Failed exchanges and refreshes share one limiter per client IP, sized by {@code awx.auth.rate-limit} (refused sign-ins have their own: SignInRefusals). */
class RateLimits {

    @Produces
    @Singleton
    FailureRateLimiter failureRateLimiter(AuthConfig config) {
        return new FailureRateLimiter(config.rateLimit().failuresPerWindow(), config.rateLimit().window());
    }
}
