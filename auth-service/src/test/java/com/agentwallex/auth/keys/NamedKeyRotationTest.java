package com.agentwallex.auth.keys;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.agentwallex.auth.support.Auth;
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
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Keys named by the operator (AWX_AUTH_SIGNING_KEY_ID) rotate too: the previous key keeps the kid its tokens carry. */
@QuarkusTest
@TestProfile(NamedKeyRotationTest.NamedKeys.class)
class NamedKeyRotationTest {

    static final Path PREVIOUS = Path.of("target", "test-keys", "previous-named-es256.json");

    public static class NamedKeys implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            ECKey previous = KeyRotationTest.previousKey(PREVIOUS, new ECKeyGenerator(Curve.P_256).keyID("signing-1"));
            return Map.of("awx.auth.signing.previous-public-key-file", KeyRotationTest.publicPem(previous, PREVIOUS).toString(),
                    "awx.auth.signing.previous-key-id", "signing-1",
                    "awx.auth.signing.key-id", "signing-2");
        }
    }

    @Test
    void aTokenSignedBeforeTheRotationUnderTheOperatorsKidStillVerifies() throws Exception {
        ECKey previous = ECKey.parse(Files.readString(PREVIOUS));
        JWKSet jwks = JWKSet.parse(given().get("/.well-known/jwks.json").then().statusCode(200).extract().asString());
        assertThat(jwks.getKeys()).extracting(k -> k.getKeyID()).containsExactlyInAnyOrder("signing-1", "signing-2");

        String current = Auth.signedIn().jsonPath().getString("access_token");
        assertThat(SignedJWT.parse(current).getHeader().getKeyID()).isEqualTo("signing-2");
        Auth.me(KeyRotationTest.resigned(current, previous, "signing-1")).then().statusCode(200);
    }
}
