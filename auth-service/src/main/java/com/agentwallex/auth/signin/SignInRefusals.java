package com.agentwallex.auth.signin;

import com.agentwallex.auth.AuthConfig;
import com.agentwallex.common.ratelimit.FailureRateLimiter;
import jakarta.inject.Singleton;

/**
 * Refused sign-ins per client address, in a limiter of their own (sized like the grants' one). A
 * refusal needs no credential and any page can make a victim's browser send one (an image of a bad
 * sign-in link): counted in the limiter exchanges and refreshes share, it would lock the victim out of
 * refreshing. Here it only decides when to stop auditing refusals one by one and answer 429.
 */
@Singleton
class SignInRefusals {

    /** What to do with one more refusal from an address. */
    enum Verdict {
        AUDIT, AUDIT_AND_LIMIT_REACHED, OVER_LIMIT
    }

    private final FailureRateLimiter limiter;

    SignInRefusals(AuthConfig config) {
        this.limiter = new FailureRateLimiter(config.rateLimit().failuresPerWindow(), config.rateLimit().window());
    }

    /** Seconds before the address's refusals are answered again, or 0. */
    long retryAfterSeconds(String ip) {
        return limiter.retryAfterSeconds(ip);
    }

    /** Counts one more refusal at once (in memory), in one step with the check, so the next request already sees it. */
    Verdict count(String ip) {
        FailureRateLimiter.Reservation place = limiter.reserve(ip);
        if (place == null) {
            return Verdict.OVER_LIMIT;
        }
        return place.usesUpTheWindow() ? Verdict.AUDIT_AND_LIMIT_REACHED : Verdict.AUDIT;
    }
}
