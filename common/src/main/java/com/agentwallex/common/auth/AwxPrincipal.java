package com.agentwallex.common.auth;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import java.security.Principal;
import java.time.Instant;
import java.util.Set;

/**
 * Who is calling, the same for every AgentWallex service whichever header they used: a user
 * (access token) or an API key, its organization, scopes, environment and plan. Scopes are
 * also the identity's roles, so {@code @RolesAllowed("audit:read")} is the scope check.
 */
public record AwxPrincipal(
        ActorType actorType,
        String actorId,
        String orgId,
        Set<String> scopes,
        String environment,
        String plan,
        String sessionId,
        KeyLifecycle key) implements Principal {

    public enum ActorType {
        USER, API_KEY
    }

    /** For API keys: when rotation is due, and for a rotated key when its grace ends. */
    public record KeyLifecycle(Instant rotationDueAt, Instant expiresAt, boolean rotating) {
    }

    @Override
    public String getName() {
        return actorId;
    }

    public boolean isUser() {
        return actorType == ActorType.USER;
    }

    /** The caller of an authenticated request; 403 when the identity is not one of ours. */
    public static AwxPrincipal of(SecurityIdentity identity) {
        if (identity != null && identity.getPrincipal() instanceof AwxPrincipal principal) {
            return principal;
        }
        throw new ForbiddenException();
    }
}
