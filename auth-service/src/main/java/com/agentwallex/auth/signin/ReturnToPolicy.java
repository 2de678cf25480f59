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
    private final Set<String> pkceRequired;

    ReturnToPolicy(AuthConfig config) {
        this.allowed = Set.copyOf(config.signIn().returnToAllowlist());
        this.fallback = config.signIn().defaultReturnTo();
        this.pkceRequired = Set.copyOf(config.signIn().pkceRequiredFor().orElse(java.util.List.of()));
    }

    /** Browser apps that can keep a verifier (the dashboard) must use PKCE: a code alone is never enough there. */
    boolean requiresPkce(String returnTo) {
        return pkceRequired.contains(returnTo);
    }

    /** The URL to return to, or null when the requested one is not allowed. */
    String resolve(String requested) {
        if (requested == null || requested.isEmpty()) {
            return fallback;
        }
        return allowed.contains(requested) ? requested : null;
    }
}
