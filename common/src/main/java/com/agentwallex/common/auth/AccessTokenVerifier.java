package com.agentwallex.common.auth;

import com.agentwallex.common.crypto.Es256;
import com.agentwallex.common.web.UnavailableException;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.security.AuthenticationFailedException;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/**
 * Checks auth-service's access tokens locally: ES256 only, a kid auth-service publishes, our
 * issuer and audience, {@code typ: at+jwt}, exp (required) and nbf, and a session that has not
 * ended. Header members that point elsewhere (jku, x5u, an embedded jwk) are never followed;
 * unknown critical headers and duplicate member names are refused by jose4j itself.
 */
@Singleton
@IfBuildProperty(name = "awx.request-auth.enabled", stringValue = "true")
class AccessTokenVerifier {

    static final int MAX_TOKEN_LENGTH = 8192;
    /** How far past {@code exp} a token still passes, for clocks that disagree a little. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    private final AccessTokenKeys keys;
    private final SessionCheck sessions;
    private final String issuer;
    private final String audience;

    AccessTokenVerifier(AccessTokenKeys keys, SessionCheck sessions, RequestAuthConfig config) {
        this.keys = keys;
        this.sessions = sessions;
        this.issuer = config.tokens().issuer();
        this.audience = config.tokens().audience();
    }

    CompletableFuture<AwxPrincipal> verify(String token) {
        if (token.length() > MAX_TOKEN_LENGTH) {
            return CompletableFuture.failedFuture(new AuthenticationFailedException("token too large"));
        }
        String kid;
        try {
            kid = kid(token);
        } catch (AuthenticationFailedException e) {
            return CompletableFuture.failedFuture(e);
        }
        return keys.key(kid).thenCompose(key -> {
            if (key == null) {
                throw new AuthenticationFailedException("unknown signing key");
            }
            AwxPrincipal principal = principal(check(token, key));
            return sessions.check(principal.sessionId()).thenApply(state -> switch (state) {
                case ACTIVE -> principal;
                case ENDED -> throw SessionEnded.exception();
                case UNKNOWN -> throw new UnavailableException("Session revocations are still loading; retry in a moment.", 1);
            });
        });
    }

    private JwtClaims check(String token, PublicKey key) {
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
            return consumer.processToClaims(token);
        } catch (InvalidJwtException e) {
            throw new AuthenticationFailedException("invalid token");
        }
    }

    private static AwxPrincipal principal(JwtClaims claims) {
        try {
            String sessionId = claims.getStringClaimValue("sid");
            String orgId = claims.getStringClaimValue("org_id");
            if (sessionId == null || orgId == null) {
                throw new AuthenticationFailedException("not an access token");
            }
            String scope = claims.getStringClaimValue("scope");
            Set<String> scopes = scope == null || scope.isBlank() ? Set.of() : Set.of(scope.trim().split("\\s+"));
            return new AwxPrincipal(AwxPrincipal.ActorType.USER, claims.getSubject(), orgId, scopes, null,
                    claims.getStringClaimValue("plan"), sessionId, null);
        } catch (MalformedClaimException | IllegalArgumentException e) {
            throw new AuthenticationFailedException("malformed claims");
        }
    }

    /** The kid from the protected header, read without trusting anything else in it yet. */
    private static String kid(String token) {
        int dot = token.indexOf('.');
        if (dot <= 0) {
            throw new AuthenticationFailedException("not a JWT");
        }
        try {
            String header = new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8);
            Map<String, Object> members = JsonUtil.parseJson(header);
            return members.get("kid") instanceof String kid ? kid : null;
        } catch (IllegalArgumentException | JoseException e) {
            throw new AuthenticationFailedException("not a JWT");
        }
    }

    static RuntimeException unwrap(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof RuntimeException r ? r : new AuthenticationFailedException(cause);
    }
}
