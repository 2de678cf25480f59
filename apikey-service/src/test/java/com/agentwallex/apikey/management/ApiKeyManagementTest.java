package com.agentwallex.apikey.management;

import static com.agentwallex.apikey.support.KeysApi.as;
import static com.agentwallex.apikey.support.KeysApi.body;
import static com.agentwallex.apikey.support.KeysApi.create;
import static com.agentwallex.apikey.support.KeysApi.created;
import static com.agentwallex.apikey.support.KeysApi.createdSandboxKey;
import static com.agentwallex.apikey.support.KeysApi.newOrg;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import com.agentwallex.contract.apikey.ApiKeyFormat;
import com.agentwallex.common.testing.TestJwtKeys;
import com.agentwallex.common.testing.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = TestJwtKeys.class, scope = TestResourceScope.GLOBAL)
class ApiKeyManagementTest {

    @Test
    void createReturnsTheFullKeyOnceWithItsMetadata() {
        String org = newOrg();
        Response r = created(org, "free", body("production", "agents:read", "wallets:read", "agents:read"));
        String key = r.path("key");
        assertThat(ApiKeyFormat.parse(key)).contains(ApiKeyFormat.Environment.PRODUCTION);
        assertThat(r.header("Location")).endsWith("/api/v1/api-keys/" + r.path("id"));
        assertThat(r.header("Cache-Control")).contains("no-store");
        assertThat(r.<String>path("masked_key")).isEqualTo(ApiKeyFormat.mask(key));
        assertThat(r.<List<String>>path("scopes")).containsExactly("agents:read", "wallets:read");
        assertThat(r.<String>path("status")).isEqualTo("active");
        Instant created = Instant.parse(r.path("created_at"));
        assertThat(Instant.parse(r.path("rotation_due_at"))).isEqualTo(created.plus(Duration.ofDays(90)));
        assertThat(r.<Boolean>path("rotation_due")).isFalse();
    }

    @Test
    void listAndGetShowOnlyTheMaskedKeyNeverThePlaintext() {
        String org = newOrg();
        Response first = createdSandboxKey(org, "agents:read");
        Response second = createdSandboxKey(org, "wallets:read");

        Response list = as(org, "free").get("/api/v1/api-keys").then().statusCode(200).extract().response();
        assertThat(list.<List<String>>path("data.id")).containsExactly(second.path("id"), first.path("id"));
        assertThat(list.<Object>path("data[0].key")).isNull();
        assertThat(list.asString()).doesNotContain(first.<String>path("key"), second.<String>path("key"));

        Response one = as(org, "free").get("/api/v1/api-keys/" + first.path("id")).then().statusCode(200).extract().response();
        assertThat(one.<String>path("masked_key")).isEqualTo(ApiKeyFormat.mask(first.path("key")));
        assertThat(one.asString()).doesNotContain(first.<String>path("key"));
    }

    @Test
    void listPagesNewestFirstWithStartingAfter() {
        String org = newOrg();
        String a = createdSandboxKey(org, "agents:read").path("id");
        String b = createdSandboxKey(org, "agents:read").path("id");
        String c = createdSandboxKey(org, "agents:read").path("id");
        Response page1 = as(org, "free").queryParam("limit", 2).get("/api/v1/api-keys");
        page1.then().statusCode(200).body("has_more", equalTo(true));
        assertThat(page1.<List<String>>path("data.id")).containsExactly(c, b);
        Response page2 = as(org, "free").queryParam("limit", 2).queryParam("starting_after", b).get("/api/v1/api-keys");
        page2.then().statusCode(200).body("has_more", equalTo(false));
        assertThat(page2.<List<String>>path("data.id")).containsExactly(a);
    }

    @Test
    void everyInvalidFieldIsA400NamingIt() {
        String org = newOrg();
        assertInvalid(org, Map.of("environment", "sandbox", "scopes", List.of("agents:read")), "name");
        assertInvalid(org, Map.of("name", " ", "environment", "sandbox", "scopes", List.of("agents:read")), "name");
        assertInvalid(org, Map.of("name", "x".repeat(101), "environment", "sandbox", "scopes", List.of("agents:read")), "name");
        assertInvalid(org, Map.of("name", "k", "environment", "staging", "scopes", List.of("agents:read")), "environment");
        assertInvalid(org, Map.of("name", "k", "environment", "sandbox", "scopes", List.of()), "scopes");
        assertInvalid(org, Map.of("name", "k", "environment", "sandbox", "scopes", List.of("agents:delete")), "scopes");
        assertInvalid(org, Map.of("name", "k", "environment", "sandbox", "scopes", List.of("agents:read"),
                "expires_at", "tomorrow"), "expires_at");
        assertInvalid(org, Map.of("name", "k", "environment", "sandbox", "scopes", List.of("agents:read"),
                "expires_at", Instant.now().minusSeconds(60).toString()), "expires_at");
        as(org, "free").body(Map.of("name", "k", "environment", "sandbox", "scopes", List.of("agents:read"),
                        "owner", "someone-else"))
                .post("/api/v1/api-keys").then().statusCode(400).contentType("application/problem+json");
        as(org, "free").body("{\"name\": ").post("/api/v1/api-keys")
                .then().statusCode(400).contentType("application/problem+json").body(not(containsString("Exception")));
        as(org, "free").body("{\"name\": 5, \"environment\": [], \"scopes\": \"x\"}").post("/api/v1/api-keys")
                .then().statusCode(400).contentType("application/problem+json").body(not(containsString("com.")));
        // Years java.time reads but RFC 3339 and PostgreSQL do not: a 400, not the database's 500.
        for (String farAway : List.of("+300000-01-01T00:00:00Z", "+1000000000-06-01T00:00:00Z", "10000-01-01T00:00:00Z")) {
            assertInvalid(org, Map.of("name", "k", "environment", "sandbox", "scopes", List.of("agents:read"),
                    "expires_at", farAway), "expires_at");
        }
        // A limit that is no int is a 400 too (JAX-RS would have answered 404).
        for (String limit : List.of("0", "101", "abc", "99999999999")) {
            as(org, "free").queryParam("limit", limit).get("/api/v1/api-keys").then().statusCode(400)
                    .contentType("application/problem+json").body("parameter", equalTo("limit"));
        }
        as(org, "free").queryParam("starting_after", "key_nope").get("/api/v1/api-keys")
                .then().statusCode(400).body("parameter", equalTo("starting_after"));
    }

    @Test
    void withoutAValidTokenEveryEndpointIs401() {
        String id = createdSandboxKey(newOrg(), "agents:read").path("id");
        for (Response r : List.of(
                given().get("/api/v1/api-keys"),
                given().get("/api/v1/api-keys/" + id),
                given().contentType(ContentType.JSON).body(body("sandbox", "agents:read")).post("/api/v1/api-keys"),
                given().contentType(ContentType.JSON).body("{}").patch("/api/v1/api-keys/" + id),
                given().delete("/api/v1/api-keys/" + id),
                given().contentType(ContentType.JSON).post("/api/v1/api-keys/" + id + "/rotate"),
                given().header("Authorization", "Bearer " + Tokens.unsigned("org_x")).get("/api/v1/api-keys"),
                given().header("Authorization", "Bearer " + Tokens.hs256WithPublicKey("org_x")).get("/api/v1/api-keys"))) {
            r.then().statusCode(401).contentType("application/problem+json").header("WWW-Authenticate", startsWith("Bearer"));
        }
    }

    @Test
    void aSignedTokenThatIsNotAnAccessTokenIs401AndAnApiKeyCannotManageKeys() {
        given().header("Authorization", "Bearer " + Tokens.withoutOrg()).get("/api/v1/api-keys")
                .then().statusCode(401).contentType("application/problem+json");
        String key = createdSandboxKey(newOrg(), "agents:read", "api_keys:write").path("key");
        // A key that is fine elsewhere: the problem says why it is refused here, not "a valid X-API-Key is required".
        given().header("X-API-Key", key).get("/api/v1/api-keys").then().statusCode(401)
                .body("detail", equalTo("API keys are not accepted here: sign in and send a Bearer access token."));
    }

    @Test
    void aKeyPastedIntoANameIsRefusedOnCreateAndUpdateSoItNeverReachesAnEventOrTheAuditLog() {
        String org = newOrg();
        io.restassured.response.Response created = created(org, "free", body("sandbox", "agents:read"));
        String key = created.path("key");
        Map<String, Object> named = body("sandbox", "agents:read");
        named.put("name", "prod worker " + key);
        create(org, "free", named).then().statusCode(400).body("parameter", equalTo("name"))
                .body(not(containsString(key)));
        as(org, "free").body(Map.of("name", key)).patch("/api/v1/api-keys/" + created.path("id"))
                .then().statusCode(400).body("parameter", equalTo("name"))
                .body(not(containsString(key)));
    }

    @Test
    void aNulByteInAKeyIdIsNoKeyAndInANameA400ProblemNeverA500() {
        String org = newOrg();
        as(org, "free").urlEncodingEnabled(false).get("/api/v1/api-keys/key_%00x").then().statusCode(404)
                .contentType("application/problem+json");
        Map<String, Object> named = body("sandbox", "agents:read");
        named.put("name", "worker\u0000one");
        create(org, "free", named).then().statusCode(400).contentType("application/problem+json").body("parameter", equalTo("name"));
    }

    @Test
    void anotherOrganizationsKeyIsNotFoundOnEveryEndpoint() {
        String owner = newOrg();
        String intruder = newOrg();
        Response key = createdSandboxKey(owner, "agents:read");
        String id = key.path("id");

        as(intruder, "enterprise").get("/api/v1/api-keys/" + id).then().statusCode(404).contentType("application/problem+json");
        as(intruder, "enterprise").body(Map.of("name", "mine now")).patch("/api/v1/api-keys/" + id).then().statusCode(404);
        as(intruder, "enterprise").post("/api/v1/api-keys/" + id + "/rotate").then().statusCode(404);
        as(intruder, "enterprise").delete("/api/v1/api-keys/" + id).then().statusCode(404);
        as(intruder, "enterprise").get("/api/v1/api-keys").then().statusCode(200).body("data.id", not(hasItem(id)));
        as(intruder, "enterprise").queryParam("starting_after", id).get("/api/v1/api-keys").then().statusCode(400);

        as(owner, "free").get("/api/v1/api-keys/" + id).then().statusCode(200)
                .body("name", equalTo("ci sandbox")).body("revoked_at", nullValue());
    }

    @Test
    void unknownIdsAreNotFound() {
        String org = newOrg();
        as(org, "free").get("/api/v1/api-keys/key_00000000000000000000000000000000").then().statusCode(404);
        as(org, "free").get("/api/v1/api-keys/' OR 1=1 --").then().statusCode(404);
        as(org, "free").delete("/api/v1/api-keys/..%2F..%2Fetc").then().statusCode(404);
    }

    @Test
    void ipAllowlistsAreForGrowthAndEnterprisePlansOnly() {
        String org = newOrg();
        Map<String, Object> body = body("production", "payments:write");
        body.put("ip_allowlist", List.of("203.0.113.0/24"));
        create(org, "free", body).then().statusCode(403).contentType("application/problem+json")
                .body("type", containsString("plan_feature_unavailable")).body("detail", containsString("Growth"));

        Response growth = created(org, "growth", body);
        assertThat(growth.<List<String>>path("ip_allowlist")).containsExactly("203.0.113.0/24");
        String id = growth.path("id");
        as(org, "free").body(Map.of("ip_allowlist", List.of("198.51.100.7"))).patch("/api/v1/api-keys/" + id)
                .then().statusCode(403);
        as(org, "free").body(Map.of("ip_allowlist", List.of())).patch("/api/v1/api-keys/" + id)
                .then().statusCode(200).body("ip_allowlist.size()", equalTo(0));
    }

    @Test
    void allowlistEntriesAreValidatedAndNormalised() {
        String org = newOrg();
        for (String bad : List.of("10.0.0.5/24", "10.0.0.0/33", "300.1.1.1", "10.0.0.*", "*", "", "example.com",
                "10.0.0.1-10.0.0.9", "010.0.0.1")) {
            Map<String, Object> body = body("sandbox", "agents:read");
            body.put("ip_allowlist", List.of(bad));
            create(org, "enterprise", body).then().statusCode(400).body("parameter", equalTo("ip_allowlist"));
        }
        Map<String, Object> body = body("sandbox", "agents:read");
        body.put("ip_allowlist", List.of("192.0.2.7", "2001:DB8::/32", "::ffff:203.0.113.0/120", "192.0.2.7"));
        Response r = created(org, "enterprise", body);
        assertThat(r.<List<String>>path("ip_allowlist")).containsExactly("192.0.2.7", "2001:db8::/32", "203.0.113.0/24");
    }

    @Test
    void updateChangesNameScopesAndAllowlistAndIsAudited() {
        String org = newOrg();
        String id = created(org, "growth", body("sandbox", "agents:read")).path("id");
        as(org, "growth").body(Map.of("name", "renamed", "scopes", List.of("audit:read", "agents:write"),
                        "ip_allowlist", List.of("198.51.100.0/24")))
                .patch("/api/v1/api-keys/" + id).then().statusCode(200)
                .body("name", equalTo("renamed"))
                .body("scopes", equalTo(List.of("agents:write", "audit:read")))
                .body("ip_allowlist", equalTo(List.of("198.51.100.0/24")));
        as(org, "growth").body(Map.of()).patch("/api/v1/api-keys/" + id).then().statusCode(400);
        as(org, "growth").body(Map.of("scopes", List.of("root"))).patch("/api/v1/api-keys/" + id)
                .then().statusCode(400).body("parameter", equalTo("scopes"));
    }

    @Test
    void revokeIsIdempotentAndARevokedKeyCannotChange() {
        String org = newOrg();
        String id = createdSandboxKey(org, "agents:read").path("id");
        as(org, "free").delete("/api/v1/api-keys/" + id).then().statusCode(204);
        as(org, "free").delete("/api/v1/api-keys/" + id).then().statusCode(204);
        as(org, "free").get("/api/v1/api-keys/" + id).then().statusCode(200).body("status", equalTo("revoked"))
                .body("revoked_at", not(nullValue()));
        as(org, "free").body(Map.of("name", "zombie")).patch("/api/v1/api-keys/" + id).then().statusCode(409);
        as(org, "free").post("/api/v1/api-keys/" + id + "/rotate").then().statusCode(409);
    }

    @Test
    void expiresAtIsKeptAndShown() {
        String org = newOrg();
        Instant at = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> body = body("sandbox", "agents:read");
        body.put("expires_at", at.toString());
        created(org, "free", body).then().body("expires_at", equalTo(at.toString()));
    }

    @Test
    void theRotationPolicyIsPerOrganization() {
        String org = newOrg();
        as(org, "free").get("/api/v1/api-key-policy").then().statusCode(200)
                .body("rotation_hard_expiry", equalTo(false)).body("rotation_period_days", equalTo(90))
                .body("key_environments", equalTo(List.of("sandbox", "production")));
        as(org, "free").body(Map.of("rotation_hard_expiry", true)).put("/api/v1/api-key-policy").then().statusCode(200)
                .body("rotation_hard_expiry", equalTo(true));
        as(org, "free").get("/api/v1/api-key-policy").then().body("rotation_hard_expiry", equalTo(true));
        as(newOrg(), "free").get("/api/v1/api-key-policy").then().body("rotation_hard_expiry", equalTo(false));
        as(org, "free").body(Map.of()).put("/api/v1/api-key-policy").then().statusCode(400);
        given().get("/api/v1/api-key-policy").then().statusCode(401);
    }

    private static void assertInvalid(String org, Map<String, Object> body, String parameter) {
        create(org, "free", body).then().statusCode(400).contentType("application/problem+json")
                .body("parameter", equalTo(parameter)).body("request_id", not(nullValue()));
    }
}
