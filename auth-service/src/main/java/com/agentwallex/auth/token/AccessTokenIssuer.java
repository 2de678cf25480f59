package com.agentwallex.auth.token;

import com.agentwallex.auth.AuthConfig;
import com.agentwallex.auth.Ids;
import com.agentwallex.auth.keys.SigningKeys;
import com.agentwallex.auth.token.GrantRepository.GrantSession;
import com.agentwallex.common.auth.AgentTokens;
import com.agentwallex.common.crypto.Es256;
import com.agentwallex.common.ratelimit.RateLimitPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * Mints RFC 9068 access tokens: ES256, {@code typ: at+jwt}, the claims of SPEC §2; for a signed-in
 * user (with its session, {@code sid}) or for an agent acting with an API key (with the key,
 * {@code key_id}, its environment and allowlist, and the agent and run it named). Signed with
 * jose4j directly: it sits on every sign-in and refresh, and a builder that re-reads config and
 * re-resolves JSON providers per token cost more than the signature itself (bench/auth-tokens).
 */
@ApplicationScoped
class AccessTokenIssuer {

    private final SigningKeys keys;
    private final AuthConfig config;
    private final String scope;

    AccessTokenIssuer(SigningKeys keys, AuthConfig config) {
        this.keys = keys;
        this.config = config;
        this.scope = String.join(" ", config.tokens().userScopes());
    }

    /** When a user's access token issued now expires: after the access TTL, and never after its session. */
    Instant expiry(GrantSession session, Instant now) {
        Instant exp = now.plus(config.tokens().accessTtl());
        return exp.isAfter(session.absoluteExpiresAt()) ? session.absoluteExpiresAt() : exp;
    }

    String issue(GrantSession session, Instant now) {
        Instant exp = expiry(session, now);
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(config.issuer());
        claims.setSubject(session.userId());
        claims.setAudience(config.audience());
        claims.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(exp.getEpochSecond()));
        claims.setJwtId(Ids.newId("at"));
        claims.setClaim("sid", session.id());
        claims.setClaim("org_id", session.orgId());
        claims.setClaim("plan", session.plan());
        claims.setClaim("scope", scope);
        return sign(claims);
    }

    /** An agent token; {@code grant} has been checked against the key already. */
    String issue(AgentGrant grant) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(config.issuer());
        claims.setSubject(grant.keyId());
        claims.setAudience(grant.audience());
        claims.setIssuedAt(NumericDate.fromSeconds(grant.issuedAt().getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(grant.expiresAt().getEpochSecond()));
        claims.setJwtId(grant.tokenId());
        claims.setClaim("key_id", grant.keyId());
        claims.setClaim("org_id", grant.orgId());
        claims.setClaim("env", grant.environment());
        claims.setClaim("plan", grant.plan());
        claims.setClaim("scope", String.join(" ", grant.scopes()));
        if (!grant.ipAllowlist().isEmpty()) {
            claims.setStringListClaim("ip_allowlist", grant.ipAllowlist());
        }
        if (!grant.rateLimits().isEmpty()) {
            claims.setStringListClaim(AgentTokens.RATE_LIMITS_CLAIM, RateLimitPolicy.wireForms(grant.rateLimits()));
        }
        if (grant.agentId() != null) {
            claims.setClaim("agent_id", grant.agentId());
        }
        if (grant.runId() != null) {
            claims.setClaim("run_id", grant.runId());
        }
        return sign(claims);
    }

    private String sign(JwtClaims claims) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        jws.setKeyIdHeaderValue(keys.keyId());
        jws.setHeader("typ", "at+jwt");
        jws.setKey(keys.signingKey());
        jws.setProviderContext(Es256.providerContext());
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("access token could not be signed", e);
        }
    }

}
