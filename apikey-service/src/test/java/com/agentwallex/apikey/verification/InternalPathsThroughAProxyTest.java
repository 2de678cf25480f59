package com.agentwallex.apikey.verification;

import static com.agentwallex.apikey.support.KeysApi.SERVICE_CREDENTIAL;
import static com.agentwallex.apikey.support.KeysApi.freshIp;
import static com.agentwallex.apikey.support.KeysApi.newSandboxKey;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import com.agentwallex.common.testing.TestJwtKeys;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An internal path that arrived through a proxy (the public entry point routes on the normalised
 * path and forwards the raw one, so an encoded path can get an internal one past it) is a path that
 * does not exist; a service calling directly is answered as ever.
 */
@QuarkusTest
@WithTestResource(value = TestJwtKeys.class, scope = TestResourceScope.GLOBAL)
class InternalPathsThroughAProxyTest {

    @Test
    void verifyThroughAProxyIsA404EvenWithTheServiceCredentialAndDirectlyItAnswers() {
        String key = newSandboxKey("agents:read").key();
        Map<String, Object> body = Map.of("key", key, "client_ip", freshIp());

        verify(body).header("X-Forwarded-For", "203.0.113.7").post("/internal/v1/api-keys/verify")
                .then().statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
        verify(body).header("Forwarded", "for=203.0.113.7;proto=https").post("/internal/v1/api-keys/verify")
                .then().statusCode(404);
        verify(body).post("/internal/v1/api-keys/verify").then().statusCode(200).body("code", equalTo("VALID"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"//internal/v1/api-keys/verify", "/./internal/v1/api-keys/verify", "/%69nternal/v1/api-keys/verify",
        "/%2e/internal/v1/api-keys/verify"})
    void anotherSpellingOfAnInternalPathThatStillReachesItIsA404ThroughAProxyToo(String spelling) {
        Map<String, Object> body = Map.of("key", newSandboxKey("agents:read").key(), "client_ip", freshIp());
        // Directly it is the verify route, so the spelling does reach it...
        verify(body).urlEncodingEnabled(false).post(spelling).then().statusCode(200).body("code", equalTo("VALID"));
        // ...and through a proxy it is refused like the plain one.
        verify(body).urlEncodingEnabled(false).header("X-Forwarded-For", "203.0.113.7").post(spelling).then().statusCode(404);
    }

    private static RequestSpecification verify(Map<String, Object> body) {
        return given().header("Authorization", "Bearer " + SERVICE_CREDENTIAL).contentType("application/json").body(body);
    }
}
