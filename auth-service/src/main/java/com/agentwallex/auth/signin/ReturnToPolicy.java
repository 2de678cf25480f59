package com.agentwallex.auth.signin;

import com.agentwallex.auth.AuthConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Where a sign-in may send the browser back with its exchange code: an exact match against the
 * configured list, never a prefix, pattern or host comparison (RFC 9700 §4.1.3).
 */
@ApplicationScoped
class ReturnToPolicy {

    private final Set<String> allowed;
    private final String fallback;

    ReturnToPolicy(AuthConfig config) {
        this.allowed = Set.copyOf(config.signIn().returnToAllowlist());
        this.fallback = config.signIn().defaultReturnTo();
    }

    /** The URL to return to, or null when the requested one is not allowed. */
    String resolve(String requested) {
        if (requested == null || requested.isEmpty()) {
            return fallback;
        }
        return allowed.contains(requested) ? requested : null;
    }
}
