package com.agentwallex.common.auth;

import com.agentwallex.common.ratelimit.RateLimitPolicy;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import java.security.Principal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who is calling, the same for every AgentWallex service whichever header they used: a user
 * (access token), an API key, or an agent token made from a key (acting as that key); its
 * organization, scopes, environment and plan. Scopes are
 * also the identity's roles, so {@code @RolesAllowed("audit:read")} is the scope check. A key (or an
 * agent token made from it) carries the key's rate limits; a user none.
 */
public record AwxPrincipal(
        ActorType actorType,
        String actorId,
        String orgId,
        Set<String> scopes,
        String environment,
        String plan,
        String sessionId,
        KeyFacts key,
        Agent agent,
        List<RateLimitPolicy> rateLimits) implements Principal {

    public enum ActorType {
        USER, API_KEY
    }

    /**
     * For a presented API key: when rotation is due, for a rotated key when its grace ends, and the
     * networks it may be used from (empty: anywhere).
     */
    public record KeyFacts(Instant rotationDueAt, Instant expiresAt, boolean rotating, List<String> ipAllowlist) {

        /**
         * What an answer to this key's request says when the key should be replaced: {@code Deprecation}
         * (RFC 9745) since its rotation came due or it was rotated, {@code Sunset} (RFC 8594) when it ends;
         * nothing for a key in good standing.
         */
        public Map<String, String> rotationNotice(Instant now) {
            boolean due = rotationDueAt != null && !now.isBefore(rotationDueAt);
            if (!due && !rotating) {
                return Map.of();
            }
            Instant since = due ? rotationDueAt : now;
            return expiresAt == null ? Map.of("Deprecation", "@" + since.getEpochSecond())
                    : Map.of("Deprecation", "@" + since.getEpochSecond(),
                            "Sunset", DateTimeFormatter.RFC_1123_DATE_TIME.format(expiresAt.atOffset(ZoneOffset.UTC)));
        }
    }

    /**
     * For an agent token (RFC 8693, made from an API key): the token's id and when it was issued, and
     * the agent and run the caller named, if any. The principal is then the key, with the token's
     * narrower scopes.
     */
    public record Agent(String tokenId, Instant issuedAt, String agentId, String runId) {
    }

    @Override
    public String getName() {
        return actorId;
    }

    public boolean isUser() {
        return actorType == ActorType.USER;
    }

    /** An API key presented as itself, not an agent token made from one. */
    public boolean isApiKey() {
        return actorType == ActorType.API_KEY && agent == null;
    }

    /** The caller of an authenticated request; 403 when the identity is not one of ours. */
    public static AwxPrincipal of(SecurityIdentity identity) {
        if (identity != null && identity.getPrincipal() instanceof AwxPrincipal principal) {
            return principal;
        }
        throw new ForbiddenException();
    }

    /**
     * The caller of an endpoint for people only (sessions, key management): an API key or an agent
     * token is a known caller that may not, so a 403 like a missing scope, audited as access.denied.
     */
    public static AwxPrincipal user(SecurityIdentity identity) {
        AwxPrincipal principal = of(identity);
        if (!principal.isUser()) {
            throw new ForbiddenException();
        }
        return principal;
    }
}
