package com.agentwallex.auth.token;

import com.agentwallex.auth.AuthConfig;
import com.agentwallex.auth.Ids;
import com.agentwallex.auth.events.AuthEvents;
import com.agentwallex.common.auth.AgentTokens;
import com.agentwallex.common.auth.AwxPrincipal;
import com.agentwallex.contract.events.AuthEvent.Resource;
import com.agentwallex.contract.events.AuthEventType;
import com.agentwallex.common.web.ClientContext;
import com.agentwallex.common.web.OAuthException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Makes agent tokens from API keys: the key's organization, environment, plan and allowlist, a
 * subset of its scopes, a lifetime of at most the configured maximum (15 minutes at most) and never
 * past the key's own end (a rotated key's grace), and an audited issue in the same transaction.
 */
@ApplicationScoped
class AgentTokenService {

    private final AccessTokenIssuer issuer;
    private final AuthEvents events;
    private final Duration maxTtl;
    private final String defaultAudience;
    private final Set<String> audiences = new TreeSet<>();

    AgentTokenService(AccessTokenIssuer issuer, AuthEvents events, AuthConfig config) {
        this.issuer = issuer;
        this.events = events;
        this.maxTtl = config.agentTokens().maxTtl();
        if (maxTtl.compareTo(AgentTokens.MAX_LIFETIME) > 0 || maxTtl.isNegative() || maxTtl.isZero()) {
            throw new IllegalStateException("awx.auth.agent-tokens.max-ttl must be between 1 second and "
                    + AgentTokens.MAX_LIFETIME + ", not " + maxTtl);
        }
        this.defaultAudience = config.audience();
        audiences.add(defaultAudience);
        config.agentTokens().extraAudiences().ifPresent(audiences::addAll);
    }

    @Transactional
    AgentTokenResponse exchange(AwxPrincipal key, AgentTokenRequest request, ClientContext client) {
        List<String> scopes = scopes(key, request.scopes());
        String audience = request.audience() == null ? defaultAudience : request.audience();
        if (!audiences.contains(audience)) {
            throw new OAuthException(400, "invalid_target", "audience must be one of " + audiences);
        }
        Instant now = Instant.now();
        Duration ttl = request.ttl() == null || request.ttl().compareTo(maxTtl) > 0 ? maxTtl : request.ttl();
        Instant expiresAt = now.plus(ttl);
        // never past the key's own end: a rotated key's tokens die with its grace
        Instant keyEnds = key.key() == null ? null : key.key().expiresAt();
        if (keyEnds != null && keyEnds.isBefore(expiresAt)) {
            expiresAt = keyEnds;
        }
        List<String> allowlist = key.key() == null ? List.of() : key.key().ipAllowlist();
        AgentGrant grant = new AgentGrant(Ids.newId("agt"), key.actorId(), key.orgId(), key.environment(), key.plan(),
                scopes, allowlist, key.rateLimits(), audience, request.agentId(), request.runId(), now, expiresAt);
        String token = issuer.issue(grant);
        events.apiKey(AuthEventType.AGENT_TOKEN_ISSUED, key.orgId(), key.actorId(), client,
                new Resource("agent_token", grant.tokenId()), details(grant));
        long expiresIn = Math.max(0, expiresAt.getEpochSecond() - now.getEpochSecond());
        return new AgentTokenResponse(token, AgentTokens.ACCESS_TOKEN_TYPE, "Bearer", expiresIn,
                String.join(" ", scopes));
    }

    /** {@code scope} narrows, never widens; without it the token carries all of the key's scopes. */
    private static List<String> scopes(AwxPrincipal key, Set<String> requested) {
        if (requested == null) {
            if (key.scopes().isEmpty()) {
                throw new OAuthException(400, "invalid_scope", "the key has no scopes to pass on");
            }
            return List.copyOf(new TreeSet<>(key.scopes()));
        }
        for (String scope : requested) {
            if (!key.scopes().contains(scope)) {
                throw new OAuthException(400, "invalid_scope", "scope " + scope + " is not one of the key's scopes");
            }
        }
        return List.copyOf(new TreeSet<>(requested));
    }

    private static Map<String, Object> details(AgentGrant grant) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("scopes", grant.scopes());
        details.put("audience", grant.audience());
        details.put("expires_at", grant.expiresAt().toString());
        if (grant.agentId() != null) {
            details.put("agent_id", grant.agentId());
        }
        if (grant.runId() != null) {
            details.put("run_id", grant.runId());
        }
        return details;
    }
}
