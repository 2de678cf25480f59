package com.agentwallex.auth.signin;

import static org.assertj.core.api.Assertions.assertThat;

import com.agentwallex.auth.support.Auth;
import com.agentwallex.common.testing.SignInFlow;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The provider signs with its key; this service is told to trust only another issuer's keys.
 * The ID token's signature then verifies against nothing we trust, exactly as a forged one.
 */
@QuarkusTest
@TestProfile(UntrustedSignatureTest.TrustAnotherKey.class)
class UntrustedSignatureTest {

    public static class TrustAnotherKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String provider = "http://127.0.0.1:8090";
            return Map.of(
                    "quarkus.oidc.google.discovery-enabled", "false",
                    "quarkus.oidc.google.authorization-path", provider + "/google/authorize",
                    "quarkus.oidc.google.token-path", provider + "/google/token",
                    "quarkus.oidc.google.jwks-path", provider + "/other/jwks");
        }
    }

    @Test
    void anIdTokenNotSignedByATrustedKeyIsRefused() {
        SignInFlow browser = new SignInFlow(Auth.base());
        SignInFlow.Step toProvider = browser.get("/auth/google/redirect");
        assertThat(toProvider.location()).startsWith("http://127.0.0.1:8090/google/authorize?");
        SignInFlow.Step callback = browser.submitLogin(toProvider.location(), Auth.newEmail(), null);
        assertThat(callback.location()).contains("/auth/google/callback?code=");
        SignInFlow.Step end = browser.followOwn(callback);
        assertThat(end.status()).isEqualTo(401);
        assertThat(end.location()).isNull();
        // Not quarkus-oidc's empty 401: a problem like every other refusal, with its request id.
        assertThat(end.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonPath problem = JsonPath.from(end.body());
        assertThat(problem.getString("type")).endsWith("/sign_in_failed");
        assertThat(problem.getString("request_id")).isEqualTo(end.headers().firstValue("X-Request-Id").orElseThrow());
    }
}
