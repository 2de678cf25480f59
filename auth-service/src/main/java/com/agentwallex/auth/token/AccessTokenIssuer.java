package com.agentwallex.auth.token;

import com.agentwallex.auth.AuthConfig;
import com.agentwallex.auth.Ids;
import com.agentwallex.auth.keys.SigningKeys;
import com.agentwallex.auth.session.SessionEntity;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** Mints RFC 9068 access tokens: ES256, {@code typ: at+jwt}, the claims of SPEC §2. */
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

    String issue(SessionEntity session, String plan, Instant now) {
        Instant exp = now.plus(config.tokens().accessTtl());
        // An access token never outlives its session.
        if (exp.isAfter(session.absoluteExpiresAt)) {
            exp = session.absoluteExpiresAt;
        }
        return Jwt.issuer(config.issuer())
                .subject(session.userId)
                .audience(config.audience())
                .issuedAt(now)
                .expiresAt(exp)
                .claim("jti", Ids.newId("at"))
                .claim("sid", session.id)
                .claim("org_id", session.orgId)
                .claim("plan", plan)
                .claim("scope", scope)
                .jws()
                .algorithm(SignatureAlgorithm.ES256)
                .keyId(keys.keyId())
                .header("typ", "at+jwt")
                .sign(keys.signingKey());
    }

    long accessTtlSeconds() {
        return config.tokens().accessTtl().toSeconds();
    }
}
