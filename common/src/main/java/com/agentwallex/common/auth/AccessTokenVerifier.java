package com.agentwallex.common.auth;

import com.agentwallex.common.crypto.Es256;
import com.agentwallex.common.net.IpAllowlist;
import com.agentwallex.common.ratelimit.RateLimitPolicy;
import com.agentwallex.contract.problem.UnavailableException;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.security.AuthenticationFailedException;
import jakarta.inject.Singleton;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;

/**
 * Checks auth-service's access tokens locally: ES256 only, a kid auth-service publishes, our
 * issuer and audience, {@code typ: at+jwt}, exp (required) and nbf. A user's token must belong to
 * a session that has not ended; an agent token (made from an API key, {@code key_id}) must be of
 * the environment this service serves, come from an address its key allows, and predate no change
 * of its key. Header members that point elsewhere (jku, x5u, an embedded jwk) are never followed;
 * unknown critical headers and duplicate member names are refused by jose4j itself.
 */
@Singleton
@IfBuildProperty(name = "awx.request-auth.enabled", stringValue = "true")
class AccessTokenVerifier {

    static final int MAX_TOKEN_LENGTH = 8192;
    /** How far past {@code exp} a token still passes, for clocks that disagree a little. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    /** Reads a token without judging it: no key, no signature, no claim rule (see {@link #parse}). */
    private static final JwtConsumer UNVERIFIED = new JwtConsumerBuilder()
            .setSkipAllValidators()
            .setDisableRequireSignature()
            .setSkipSignatureVerification()
            .build();

    private final AccessTokenKeys keys;
    private final SessionCheck sessions;
    private final RevocationFeed revocations;
    private final RequiredEnvironment environment;
    private final String issuer;
    private final String audience;

    AccessTokenVerifier(AccessTokenKeys keys, SessionCheck sessions, RevocationFeed revocations, RequestAuthConfig config) {
        this.keys = keys;
        this.sessions = sessions;
        this.revocations = revocations;
        this.environment = config.apiKeys().requiredEnvironment();
        this.issuer = config.tokens().issuer();
        this.audience = config.tokens().audience();
    }

    CompletableFuture<AwxPrincipal> verify(String token, String clientIp) {
        if (token.length() > MAX_TOKEN_LENGTH) {
            return CompletableFuture.failedFuture(new AuthenticationFailedException("token too large"));
        }
        JwtContext parsed;
        String kid;
        try {
            parsed = parse(token);
            kid = keyId(parsed);
        } catch (AuthenticationFailedException e) {
            return CompletableFuture.failedFuture(e);
        }
        return keys.key(kid).thenCompose(key -> {
            if (key == null) {
                throw new AuthenticationFailedException("unknown signing key");
            }
            JwtClaims claims = check(parsed, key);
            if (claims.hasClaim("key_id")) {
                return CompletableFuture.completedFuture(agent(claims, clientIp));
            }
            AwxPrincipal principal = user(claims);
            return sessions.check(principal.sessionId()).thenApply(state -> switch (state) {
                case ACTIVE -> principal;
                case ENDED -> throw SessionEnded.exception();
                case UNKNOWN -> throw stillLoading();
            });
        });
    }

    /** The header's kid, read before any signature check: whatever the sender put there (a number, an object). */
    private static String keyId(JwtContext parsed) {
        Object kid = parsed.getJoseObjects().get(0).getHeaders().getObjectHeaderValue("kid");
        if (kid != null && !(kid instanceof String)) {
            throw new AuthenticationFailedException("kid is not a string");
        }
        return (String) kid;
    }

    /** The second pass, on what {@link #parse} read: the signature with our key, then every claim rule. */
    private JwtClaims check(JwtContext parsed, PublicKey key) {
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireSubject()
                .setAllowedClockSkewInSeconds((int) CLOCK_SKEW.toSeconds())
                .setExpectedIssuer(issuer)
                .setExpectedAudience(audience)
                .setExpectedType(true, "at+jwt")
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, "ES256")
                .setJwsProviderContext(Es256.providerContext())
                .setVerificationKey(key)
                .build();
        try {
            consumer.processContext(parsed);
            return parsed.getJwtClaims();
        } catch (InvalidJwtException e) {
            throw new AuthenticationFailedException("invalid token");
        }
    }

    private static AwxPrincipal user(JwtClaims claims) {
        try {
            String sessionId = claims.getStringClaimValue("sid");
            String orgId = claims.getStringClaimValue("org_id");
            if (sessionId == null || orgId == null) {
                throw new AuthenticationFailedException("not an access token");
            }
            return new AwxPrincipal(AwxPrincipal.ActorType.USER, claims.getSubject(), orgId, scopes(claims), null,
                    claims.getStringClaimValue("plan"), sessionId, null, null, List.of());
        } catch (MalformedClaimException | IllegalArgumentException e) {
            throw new AuthenticationFailedException("malformed claims");
        }
    }

    private AwxPrincipal agent(JwtClaims claims, String clientIp) {
        AwxPrincipal principal;
        List<String> allowlist;
        try {
            String keyId = claims.getStringClaimValue("key_id");
            String orgId = claims.getStringClaimValue("org_id");
            if (orgId == null || claims.hasClaim("sid") || !keyId.equals(claims.getSubject()) || claims.getIssuedAt() == null) {
                throw new AuthenticationFailedException("not an agent token");
            }
            allowlist = claims.hasClaim("ip_allowlist") ? claims.getStringListClaimValue("ip_allowlist") : List.of();
            principal = new AwxPrincipal(AwxPrincipal.ActorType.API_KEY, keyId, orgId, scopes(claims),
                    claims.getStringClaimValue("env"), claims.getStringClaimValue("plan"), null, null,
                    new AwxPrincipal.Agent(claims.getJwtId(), Instant.ofEpochSecond(claims.getIssuedAt().getValue()),
                            claims.getStringClaimValue("agent_id"), claims.getStringClaimValue("run_id")),
                    RateLimitPolicy.fromWireForms(claims.hasClaim(AgentTokens.RATE_LIMITS_CLAIM)
                            ? claims.getStringListClaimValue(AgentTokens.RATE_LIMITS_CLAIM) : List.of()));
        } catch (MalformedClaimException | RuntimeException e) {
            throw e instanceof AuthenticationFailedException failed ? failed : new AuthenticationFailedException("malformed claims");
        }
        if (!environment.admits(principal.environment())) {
            throw environment.refusal();
        }
        if (!allowlist.isEmpty() && !IpAllowlist.parse(allowlist).allows(IpAllowlist.client(clientIp).orElse(null))) {
            throw new AuthenticationFailedException("agent token used from an address its key does not allow");
        }
        if (!revocations.caughtUp()) {
            throw stillLoading();
        }
        if (revocations.agentTokenVoid(principal.actorId(), principal.orgId(), principal.agent().issuedAt())) {
            throw new AuthenticationFailedException("the agent token's key was revoked or changed");
        }
        return principal;
    }

    private static Set<String> scopes(JwtClaims claims) throws MalformedClaimException {
        String scope = claims.getStringClaimValue("scope");
        return scope == null || scope.isBlank() ? Set.of() : Set.of(scope.trim().split("\\s+"));
    }

    private static UnavailableException stillLoading() {
        return new UnavailableException("Revocations are still loading; retry in a moment.", 1);
    }

    /**
     * The first pass of jose4j's two-pass idiom: the header and the claims read once, nothing trusted
     * yet, so that the kid can pick the key and {@link #check} verifies what was read instead of
     * parsing the token again (each JSON parse costs jose4j a fresh 32 KB lexer buffer).
     */
    private static JwtContext parse(String token) {
        try {
            JwtContext parsed = UNVERIFIED.process(token);
            if (parsed.getJoseObjects().size() != 1 || !(parsed.getJoseObjects().get(0) instanceof JsonWebSignature)) {
                throw new AuthenticationFailedException("not a signed JWT");
            }
            return parsed;
        } catch (InvalidJwtException e) {
            throw new AuthenticationFailedException("not a JWT");
        }
    }

    static RuntimeException unwrap(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof RuntimeException r ? r : new AuthenticationFailedException(cause);
    }
}
