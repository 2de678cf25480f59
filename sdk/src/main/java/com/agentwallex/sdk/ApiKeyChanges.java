package com.agentwallex.sdk;

import java.util.List;

/** What {@link ApiKeys#update(String, ApiKeyChanges)} changes; members left null stay as they are. */
public record ApiKeyChanges(String name, List<String> scopes, List<String> ipAllowlist, List<RateLimit> rateLimits) {

    public static ApiKeyChanges none() {
        return new ApiKeyChanges(null, null, null, null);
    }

    public ApiKeyChanges withName(String newName) {
        return new ApiKeyChanges(newName, scopes, ipAllowlist, rateLimits);
    }

    public ApiKeyChanges withScopes(String... newScopes) {
        return new ApiKeyChanges(name, List.of(newScopes), ipAllowlist, rateLimits);
    }

    /** An empty list removes the allowlist. */
    public ApiKeyChanges withIpAllowlist(List<String> cidrs) {
        return new ApiKeyChanges(name, scopes, List.copyOf(cidrs), rateLimits);
    }

    /** Replaces the key's rate limits; none removes them. */
    public ApiKeyChanges withRateLimits(RateLimit... limits) {
        return new ApiKeyChanges(name, scopes, ipAllowlist, RateLimit.forRequest(limits));
    }
}
