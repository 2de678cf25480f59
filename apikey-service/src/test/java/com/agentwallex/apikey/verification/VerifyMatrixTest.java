package com.agentwallex.apikey.verification;

import static com.agentwallex.apikey.support.KeysApi.body;
import static com.agentwallex.apikey.support.KeysApi.code;
import static com.agentwallex.apikey.support.KeysApi.created;
import static com.agentwallex.apikey.support.KeysApi.createdSandboxKey;
import static com.agentwallex.apikey.support.KeysApi.freshIp;
import static com.agentwallex.apikey.support.KeysApi.newOrg;
import static com.agentwallex.apikey.support.KeysApi.revoke;
import static com.agentwallex.apikey.support.KeysApi.rotate;
import static com.agentwallex.apikey.support.KeysApi.verify;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.agentwallex.contract.apikey.ApiKeyFormat;
import com.agentwallex.common.testing.TestJwtKeys;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = TestJwtKeys.class, scope = TestResourceScope.GLOBAL)
class VerifyMatrixTest {

    @Test
    void aValidKeyIsValidWithItsFacts() {
        String org = newOrg();
        Response key = createdSandboxKey(org, "agents:read", "wallets:read");
        verify(key.path("key"), freshIp(), "agents:read").then().statusCode(200)
                .body("valid", equalTo(true)).body("code", equalTo("VALID"))
                .body("key_id", equalTo(key.path("id"))).body("org_id", equalTo(org))
                .body("environment", equalTo("sandbox")).body("scopes", equalTo(List.of("agents:read", "wallets:read")))
                .body("rotation_due_at", equalTo(key.path("rotation_due_at"))).body("status", equalTo("active"));
    }

    @Test
    void anUnknownKeyIsNotFoundAndTellsNothing() {
        String unknown = ApiKeyFormat.generate(ApiKeyFormat.Environment.PRODUCTION);
        verify(unknown, freshIp()).then().statusCode(200).body("valid", equalTo(false))
                .body("code", equalTo("NOT_FOUND")).body("org_id", nullValue()).body("key_id", nullValue());
        assertThat(code(unknown, freshIp())).isEqualTo("NOT_FOUND");
    }

    @Test
    void aRevokedKeyIsRevoked() {
        String org = newOrg();
        Response key = createdSandboxKey(org, "agents:read");
        assertThat(code(key.path("key"), freshIp())).isEqualTo("VALID");
        revoke(org, key.path("id")).then().statusCode(204);
        assertThat(code(key.path("key"), freshIp())).isEqualTo("REVOKED");
    }

    @Test
    void aKeyPastItsExpiryIsExpired() {
        String org = newOrg();
        Map<String, Object> body = body("sandbox", "agents:read");
        // Margins wide enough for a loaded machine: valid for 8 s, then expired well within 30.
        body.put("expires_at", Instant.now().plusSeconds(8).toString());
        String key = created(org, "free", body).path("key");
        assertThat(code(key, freshIp())).isEqualTo("VALID");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> code(key, freshIp()).equals("EXPIRED"));
    }

    @Test
    void aRotatedKeyWorksThroughItsGraceAndIsExpiredAfter() {
        String org = newOrg();
        Response old = createdSandboxKey(org, "agents:read");
        String oldKey = old.path("key");
        assertThat(code(oldKey, freshIp())).isEqualTo("VALID");

        Response successor = rotate(org, old.path("id"), 8L).then().statusCode(201).extract().response();
        assertThat(code(successor.path("key"), freshIp())).isEqualTo("VALID");
        verify(oldKey, freshIp()).then().body("code", equalTo("VALID")).body("status", equalTo("rotating"));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> code(oldKey, freshIp()).equals("EXPIRED"));
        assertThat(code(successor.path("key"), freshIp())).isEqualTo("VALID");
    }

    @Test
    void rotationWithZeroGraceEndsTheOldKeyAtOnce() {
        String org = newOrg();
        Response old = createdSandboxKey(org, "agents:read");
        assertThat(code(old.path("key"), freshIp())).isEqualTo("VALID");
        rotate(org, old.path("id"), 0L).then().statusCode(201);
        assertThat(code(old.path("key"), freshIp())).isEqualTo("EXPIRED");
    }

    @Test
    void theAllowlistAdmitsExactlyItsAddresses() {
        String org = newOrg();
        Map<String, Object> body = body("production", "payments:write");
        body.put("ip_allowlist", List.of("203.0.113.0/24", "192.0.2.7/32", "2001:db8:1::/48"));
        String key = created(org, "growth", body).path("key");

        assertThat(code(key, "203.0.113.0")).as("first address of the range").isEqualTo("VALID");
        assertThat(code(key, "203.0.113.255")).as("last address of the range").isEqualTo("VALID");
        assertThat(code(key, "192.0.2.7")).as("the /32").isEqualTo("VALID");
        assertThat(code(key, "2001:db8:1:ffff::1")).as("IPv6 inside").isEqualTo("VALID");
        assertThat(code(key, "::ffff:203.0.113.9")).as("IPv4-mapped inside").isEqualTo("VALID");

        assertThat(code(key, "203.0.114.0")).as("just past the range").isEqualTo("IP_NOT_ALLOWED");
        assertThat(code(key, "203.0.112.255")).as("just before the range").isEqualTo("IP_NOT_ALLOWED");
        assertThat(code(key, "192.0.2.8")).as("beside the /32").isEqualTo("IP_NOT_ALLOWED");
        assertThat(code(key, "2001:db8:2::1")).as("IPv6 outside").isEqualTo("IP_NOT_ALLOWED");
        assertThat(code(key, "::ffff:198.51.100.1")).as("IPv4-mapped outside").isEqualTo("IP_NOT_ALLOWED");
        verify(Map.of("key", key)).then().statusCode(200).body("code", equalTo("IP_NOT_ALLOWED"));
    }

    @Test
    void aMissingScopeIsInsufficient() {
        String key = createdSandboxKey(newOrg(), "agents:read").path("key");
        assertThat(code(key, freshIp(), "agents:read", "payments:write")).isEqualTo("INSUFFICIENT_SCOPE");
        verify(key, freshIp(), "root:all").then().statusCode(400).body("parameter", equalTo("required_scopes"));
    }

    @Test
    void aSandboxKeyNeverPassesWhereProductionIsRequired() {
        String org = newOrg();
        String sandbox = createdSandboxKey(org, "agents:read").path("key");
        String production = created(org, "free", body("production", "agents:read")).path("key");
        Map<String, Object> request = new HashMap<>(Map.of("key", sandbox, "client_ip", freshIp(),
                "required_environment", "production"));
        verify(request).then().statusCode(200).body("valid", equalTo(false)).body("code", equalTo("WRONG_ENVIRONMENT"));
        request.put("key", production);
        verify(request).then().statusCode(200).body("valid", equalTo(true));
        request.put("required_environment", "live");
        verify(request).then().statusCode(400).body("parameter", equalTo("required_environment"));
    }

    @Test
    void emptyHugeAndUnicodeInputIsMalformed() {
        for (String input : List.of("", " ", "x".repeat(10 * 1024), "awx_sandbox_ÄÖÜ€𝔘𝔫𝔦𝔠𝔬𝔡𝔢ÄÖÜ€𝔘𝔫𝔦𝔠𝔬𝔡𝔢12345",
                "awx_sandbox_" + "٣".repeat(33), "awx_staging_" + "a".repeat(33), "awx_sandbox_' OR 1=1 --")) {
            verify(input, freshIp()).then().statusCode(200).body("valid", equalTo(false)).body("code", equalTo("MALFORMED"));
        }
        verify(new HashMap<>(Map.of("client_ip", freshIp()))).then().statusCode(200).body("code", equalTo("MALFORMED"));
    }

    @Test
    void verifyNeedsAServiceCredential() {
        String key = createdSandboxKey(newOrg(), "agents:read").path("key");
        Map<String, Object> body = Map.of("key", key, "client_ip", freshIp());
        given().contentType(ContentType.JSON).body(body).post("/internal/v1/api-keys/verify")
                .then().statusCode(401).contentType("application/problem+json").header("WWW-Authenticate", "Bearer");
        given().header("Authorization", "Bearer wrong-credential-0123456789abcdef0123456789").contentType(ContentType.JSON)
                .body(body).post("/internal/v1/api-keys/verify").then().statusCode(401);
        given().header("X-API-Key", key).contentType(ContentType.JSON)
                .body(body).post("/internal/v1/api-keys/verify").then().statusCode(401);
        given().header("Authorization", "Bearer test-previous-credential-0123456789abcd").contentType(ContentType.JSON)
                .body(body).post("/internal/v1/api-keys/verify").then().statusCode(200).body("code", equalTo("VALID"));
    }

    @Test
    void badRequestsAreClear400s() {
        verify(Map.of("key", "awx_x", "client_ip", "not-an-ip")).then().statusCode(400).body("parameter", equalTo("client_ip"));
        verify(Map.of("key", "awx_x", "client_ip", "10.0.0.0/8")).then().statusCode(400);
        given().header("Authorization", "Bearer test-service-credential-0123456789abcdef").contentType(ContentType.JSON)
                .body("{\"key\":").post("/internal/v1/api-keys/verify").then().statusCode(400)
                .contentType("application/problem+json");
        given().header("Authorization", "Bearer test-service-credential-0123456789abcdef").contentType(ContentType.JSON)
                .body("{\"key\": {\"a\": 1}}").post("/internal/v1/api-keys/verify").then().statusCode(400)
                .contentType("application/problem+json");
        given().header("Authorization", "Bearer test-service-credential-0123456789abcdef").contentType(ContentType.JSON)
                .body("null").post("/internal/v1/api-keys/verify").then().statusCode(400)
                .contentType("application/problem+json").body("parameter", equalTo("body"));
    }

    @Test
    void repeatedFailuresFromOneSourceAreLimitedWith429() {
        String ip = freshIp();
        String unknown = ApiKeyFormat.generate(ApiKeyFormat.Environment.SANDBOX);
        for (int i = 0; i < 100; i++) {
            verify(unknown, ip).then().statusCode(200);
        }
        verify(unknown, ip).then().statusCode(429).contentType("application/problem+json").header("Retry-After", org.hamcrest.Matchers.notNullValue());
        String valid = createdSandboxKey(newOrg(), "agents:read").path("key");
        verify(valid, ip).then().statusCode(429);
        assertThat(code(valid, freshIp())).as("other sources are unaffected").isEqualTo("VALID");
    }
}
