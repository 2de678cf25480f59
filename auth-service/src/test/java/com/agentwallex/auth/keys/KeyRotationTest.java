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
            ECKey previous = previousKey(PREVIOUS, new ECKeyGenerator(Curve.P_256).keyIDFromThumbprint(true));
            return Map.of("awx.auth.signing.previous-public-key-file", publicPem(previous, PREVIOUS).toString());
        }
    }

    /** A new P-256 key kept as a JWK at {@code json} for the test to sign with. */
    static ECKey previousKey(Path json, com.nimbusds.jose.jwk.gen.JWKGenerator<ECKey> generator) {
        try {
            ECKey previous = generator.generate();
            Files.createDirectories(json.getParent());
            Files.writeString(json, previous.toJSONString());
            return previous;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Its public half as the X.509 PEM the service reads, beside {@code json}. */
    static Path publicPem(ECKey key, Path json) {
        try {
            Path pem = json.resolveSibling(json.getFileName() + ".pem");
            Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder().encodeToString(key.toECPublicKey().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n");
            return pem.toAbsolutePath();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The caller's token re-signed with {@code key} under {@code kid}, as a token from before a rotation. */
    static String resigned(String accessToken, ECKey key, String kid) throws Exception {
        SignedJWT current = SignedJWT.parse(accessToken);
        SignedJWT resigned = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("at+jwt"))
                .keyID(kid).build(), current.getJWTClaimsSet());
        resigned.sign(new ECDSASigner(key));
        return resigned.serialize();
    }

    @Test
    void aTokenSignedWithThePreviousKeyStillVerifiesAndBothKeysArePublished() throws Exception {
        ECKey previous = ECKey.parse(Files.readString(PREVIOUS));
        JWKSet jwks = JWKSet.parse(given().get("/.well-known/jwks.json").then().statusCode(200).extract().asString());
        assertThat(jwks.getKeys()).hasSize(2);
        assertThat(jwks.getKeyByKeyId(previous.getKeyID())).isNotNull();

        String current = Auth.signedIn().jsonPath().getString("access_token");
        Auth.me(resigned(current, previous, previous.getKeyID())).then().statusCode(200);

        ECKey stranger = new ECKeyGenerator(Curve.P_256).generate();
        Auth.me(resigned(current, stranger, previous.getKeyID())).then().statusCode(401);
    }
}
