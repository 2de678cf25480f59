package com.agentwallex.auth.token;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import com.agentwallex.auth.support.Auth;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Checked with an independent JOSE library (Nimbus), against the published JWKS. */
@QuarkusTest
class AccessTokenFormatTest {

    @Test
    void issuedAccessTokensAreEs256AtJwtWithTheSpecClaimsAndAKidInTheJwks() throws Exception {
        String token = Auth.signedIn().jsonPath().getString("access_token");
        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(jwt.getHeader().getType()).isEqualTo(new JOSEObjectType("at+jwt"));

        JWKSet jwks = JWKSet.parse(given().get("/.well-known/jwks.json").then().statusCode(200).extract().asString());
        ECKey key = (ECKey) jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(key).isNotNull();
        assertThat(key.isPrivate()).isFalse();
        assertThat(jwt.verify(new ECDSAVerifier(key))).isTrue();

        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("http://127.0.0.1:8081");
        assertThat(claims.getAudience()).containsExactly("agentwallex-api");
        assertThat(claims.getSubject()).startsWith("usr_");
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(claims.getStringClaim("sid")).startsWith("ses_");
        assertThat(claims.getStringClaim("org_id")).startsWith("org_");
        assertThat(claims.getStringClaim("plan")).isEqualTo("free");
        assertThat(claims.getStringClaim("scope")).contains("audit:read");
        Duration lifetime = Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant());
        assertThat(lifetime).isEqualTo(Duration.ofMinutes(15));
        assertThat(claims.getExpirationTime().toInstant()).isAfter(Instant.now());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/.well-known/oauth-authorization-server", "/.well-known/openid-configuration"})
    void discoveryPointsVerifiersAtTheJwksAndClaimsOnlyTheAgentTokenExchange(String path) {
        given().get(path).then().statusCode(200)
                .body("issuer", equalTo("http://127.0.0.1:8081"))
                .body("jwks_uri", equalTo("http://127.0.0.1:8081/.well-known/jwks.json"))
                .body("token_endpoint", equalTo("http://127.0.0.1:8081/api/v1/auth/token"))
                .body("grant_types_supported", contains("urn:ietf:params:oauth:grant-type:token-exchange"))
                .body("response_types_supported", empty())
                .body("$", not(hasKey("authorization_endpoint")))
                .body("$", not(hasKey("id_token_signing_alg_values_supported")));
    }
}
