package com.agentwallex.auth.keys;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.agentwallex.auth.support.Auth;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * After a key rotation the previous public key stays in the JWKS, so tokens signed before the
 * rotation keep verifying until they expire.
 */
@QuarkusTest
@TestProfile(KeyRotationTest.WithPreviousKey.class)
class KeyRotationTest {

    static final Path PREVIOUS = Path.of("target", "test-keys", "previous-es256.json");

    public static class WithPreviousKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                ECKey previous = new ECKeyGenerator(Curve.P_256).keyIDFromThumbprint(true).generate();
                Files.createDirectories(PREVIOUS.getParent());
                Files.writeString(PREVIOUS, previous.toJSONString());
                Path pem = PREVIOUS.resolveSibling("previous-public.pem");
                Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder().encodeToString(previous.toECPublicKey().getEncoded())
                        + "\n-----END PUBLIC KEY-----\n");
                return Map.of("awx.auth.signing.previous-public-key-file", pem.toAbsolutePath().toString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void aTokenSignedWithThePreviousKeyStillVerifiesAndBothKeysArePublished() throws Exception {
        ECKey previous = ECKey.parse(Files.readString(PREVIOUS));
        JWKSet jwks = JWKSet.parse(given().get("/.well-known/jwks.json").then().statusCode(200).extract().asString());
        assertThat(jwks.getKeys()).hasSize(2);
        assertThat(jwks.getKeyByKeyId(previous.getKeyID())).isNotNull();

        SignedJWT current = SignedJWT.parse(Auth.signedIn().jsonPath().getString("access_token"));
        SignedJWT resigned = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("at+jwt"))
                .keyID(previous.getKeyID()).build(), current.getJWTClaimsSet());
        resigned.sign(new ECDSASigner(previous));
        Auth.me(resigned.serialize()).then().statusCode(200);

        ECKey stranger = new ECKeyGenerator(Curve.P_256).keyID(previous.getKeyID()).generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("at+jwt"))
                .keyID(previous.getKeyID()).build(), current.getJWTClaimsSet());
        forged.sign(new ECDSASigner(stranger));
        Auth.me(forged.serialize()).then().statusCode(401);
    }
}
