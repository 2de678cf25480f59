package com.agentwallex.auth.session;

import com.agentwallex.auth.AuthConfig;
import com.agentwallex.auth.keys.SigningKeys;
import io.quarkus.security.AuthenticationFailedException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import com.agentwallex.common.crypto.Es256;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * Authenticates auth-service's own API callers. We signed their tokens, so we check them with
 * our own keys (no JWKS round trip) and against the session table, the source of truth: a
 * logged-out session is refused here at once, not within 5 s.
 */
@ApplicationScoped
public class CallerAuthenticator {

    private static final String BEARER = "Bearer ";

    private final JwtConsumer consumer;
    private final SessionService sessions;

    CallerAuthenticator(SigningKeys keys, AuthConfig config, SessionService sessions) {
        this.sessions = sessions;
        this.consumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setRequireSubject()
                .setRequireJwtId()
                .setAllowedClockSkewInSeconds(30)
                .setExpectedIssuer(config.issuer())
                .setExpectedAudience(config.audience())
                .setExpectedType(true, "at+jwt")
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, "ES256")
                .setJwsProviderContext(Es256.providerContext())
                .setVerificationKeyResolver((jws, nesting) -> keys.publicKey(jws.getKeyIdHeaderValue())
                        .orElseThrow(() -> new UnresolvableKeyException("unknown kid")))
                .build();
    }

    /** @param allowEndedSession true for logout, which must stay idempotent */
    public Caller authenticate(String authorization, boolean allowEndedSession) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new AuthenticationFailedException("no bearer token");
        }
        String token = authorization.substring(BEARER.length()).trim();
        if (token.length() > 8192) {
            throw new AuthenticationFailedException("token too large");
        }
        try {
            JwtClaims claims = consumer.processToClaims(token);
            String sessionId = claims.getStringClaimValue("sid");
            String orgId = claims.getStringClaimValue("org_id");
            if (sessionId == null || orgId == null) {
                throw new AuthenticationFailedException("not an access token");
            }
            SessionEntity session = sessions.find(sessionId).orElseThrow(() -> new AuthenticationFailedException("no session"));
            if (!allowEndedSession && !session.isActive(Instant.now())) {
                throw new AuthenticationFailedException("session ended");
            }
            return new Caller(claims.getSubject(), orgId, session);
        } catch (InvalidJwtException | MalformedClaimException e) {
            throw new AuthenticationFailedException("invalid token");
        }
    }
}
