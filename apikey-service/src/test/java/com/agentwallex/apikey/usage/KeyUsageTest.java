package com.agentwallex.apikey.usage;

import static com.agentwallex.apikey.support.KeysApi.SERVICE_CREDENTIAL;
import static com.agentwallex.apikey.support.KeysApi.as;
import static com.agentwallex.apikey.support.KeysApi.code;
import static com.agentwallex.apikey.support.KeysApi.createdSandboxKey;
import static com.agentwallex.apikey.support.KeysApi.freshIp;
import static com.agentwallex.apikey.support.KeysApi.newOrg;
import static com.agentwallex.apikey.support.KeysApi.newSandboxKey;
import static com.agentwallex.apikey.support.KeysApi.read;
import static com.agentwallex.apikey.support.KeysApi.rotate;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.agentwallex.apikey.support.PublishedEvents;
import com.agentwallex.contract.events.AuthEventType;
import com.agentwallex.common.testing.TestJwtKeys;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** A key's usage: every use counted once, per day and outcome, and who still sends a rotated key. */
@QuarkusTest
@WithTestResource(value = TestJwtKeys.class, scope = TestResourceScope.GLOBAL)
class KeyUsageTest {

    private static final String REPORTS = "/internal/v1/api-keys/usage";

    @Test
    void usesAndRefusalsAreCountedPerDayAndOutcomeAndTheLastAddressIsKept() {
        var key = newSandboxKey("agents:read");
        String ip = freshIp();
        for (int i = 0; i < 3; i++) {
            assertThat(code(key.key(), ip)).isEqualTo("VALID");
        }
        for (int i = 0; i < 2; i++) {
            assertThat(code(key.key(), ip, "wallets:read")).isEqualTo("INSUFFICIENT_SCOPE");
        }
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        JsonPath usage = awaitUsage(key.org(), key.id(), u -> count(u, today, "success") == 3 && count(u, today, "insufficient_scope") == 2);
        assertThat(usage.getString("from")).isEqualTo(LocalDate.now(ZoneOffset.UTC).minusDays(89).toString());
        assertThat(usage.getList("clients.client_ip")).containsExactly(ip);
        read(key.org(), key.id()).then().statusCode(200).body("last_used_ip", equalTo(ip));
    }

    @Test
    void usesOtherServicesAnsweredFromTheirCachesAreCountedExactlyInUsageAndEvents() {
        var key = newSandboxKey("agents:read");
        String ip = freshIp();
        report(List.of(use(key.id(), key.org(), ip, 40), use(key.id(), key.org(), ip, 2))).then().statusCode(204);
        assertThat(code(key.key(), ip)).isEqualTo("VALID");

        String today = LocalDate.now(ZoneOffset.UTC).toString();
        awaitUsage(key.org(), key.id(), u -> count(u, today, "success") == 43);
        var used = PublishedEvents.await(e -> e.type() == AuthEventType.API_KEY_USED && key.id().equals(e.subject()), 43);
        assertThat(PublishedEvents.counted(used)).isEqualTo(43);
    }

    @Test
    void afterARotationTheOldKeysUsageNamesTheAddressesStillSendingIt() {
        String org = newOrg();
        var old = createdSandboxKey(org, "agents:read");
        String before = freshIp();
        assertThat(code(old.path("key"), before)).isEqualTo("VALID");
        rotate(org, old.path("id"), 3600L).then().statusCode(201);
        String stale1 = freshIp();
        String stale2 = freshIp();
        assertThat(code(old.path("key"), stale1)).isEqualTo("VALID");
        assertThat(code(old.path("key"), stale2)).isEqualTo("VALID");
        assertThat(code(old.path("key"), stale2)).isEqualTo("VALID");

        // The uses may land in two flushes: wait for all three.
        JsonPath usage = awaitUsage(org, old.path("id"), u -> u.getList("clients", Map.class).stream()
                .mapToLong(c -> ((Number) c.get("count")).longValue()).sum() == 3);
        assertThat(usage.getList("clients.client_ip")).containsExactlyInAnyOrder(stale1, stale2);
        assertThat(usage.getList("clients", Map.class)).anySatisfy(c -> {
            assertThat(c.get("client_ip")).isEqualTo(stale2);
            assertThat(((Number) c.get("count")).longValue()).isEqualTo(2);
        });
        assertThat(Instant.parse(usage.getString("clients_since"))).isAfter(Instant.now().minus(Duration.ofMinutes(5)));
    }

    @Test
    void usageIsOnlyForTheKeysOwners() {
        String org = newOrg();
        String id = createdSandboxKey(org, "agents:read").path("id");
        given().get("/api/v1/api-keys/" + id + "/usage").then().statusCode(401);
        as(newOrg(), "free").get("/api/v1/api-keys/" + id + "/usage").then().statusCode(404);
        as(org, "free").get("/api/v1/api-keys/not-a-key-id/usage").then().statusCode(404);
        given().header("X-API-Key", createdSandboxKey(org, "agents:read").<String>path("key"))
                .get("/api/v1/api-keys/" + id + "/usage").then().statusCode(401);
    }

    @Test
    void usageReportsNeedTheServiceCredentialAndSaneCounts() {
        String org = newOrg();
        String id = createdSandboxKey(org, "agents:read").path("id");
        given().contentType(ContentType.JSON).body(Map.of("uses", List.of(use(id, org, "198.51.100.1", 1))))
                .post(REPORTS).then().statusCode(401);
        report(List.of(use(id, org, "198.51.100.1", 0))).then().statusCode(400);
        Map<String, Object> future = use(id, org, "198.51.100.1", 1);
        future.put("last_used_at", Instant.now().plus(Duration.ofHours(1)).toString());
        report(List.of(future)).then().statusCode(400);
        Map<String, Object> noOrg = use(id, org, "198.51.100.1", 1);
        noOrg.remove("org_id");
        report(List.of(noOrg)).then().statusCode(400);
    }

    /** Stored later with other keys' uses, a value PostgreSQL refuses would fail every flush of them: refused at once. */
    @Test
    void aUseNoStoreCouldKeepIsA400NotAPoisonedBatch() {
        String org = newOrg();
        String id = createdSandboxKey(org, "agents:read").path("id");
        report(List.of(use(id, org, "198.51.100.1\u0000", 1))).then().statusCode(400)
                .contentType("application/problem+json").body("parameter", equalTo("uses"));
        report(List.of(use(id + "\u0000", org, "198.51.100.1", 1))).then().statusCode(400);
        report(List.of(use(id, org, "198.51.100.1", Long.MAX_VALUE))).then().statusCode(400);
        report(List.of(use(id, org, "198.51.100.1", 3))).then().statusCode(204);
    }

    @Test
    void aFullBatchOfOtherServicesUsageReporterFitsTheBodyLimit() {
        String org = newOrg();
        String id = createdSandboxKey(org, "agents:read").path("id");
        List<Map<String, Object>> uses = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) { // common's UsageReporter.BATCH, each with the longest IPv6 address
            uses.add(use(id, org, String.format("2001:0db8:ffff:ffff:ffff:ffff:ffff:%04x", i), 999_999_999L));
        }
        report(uses).then().statusCode(204);
    }

    private static Map<String, Object> use(String keyId, String org, String ip, long count) {
        Map<String, Object> use = new java.util.HashMap<>();
        use.put("key_id", keyId);
        use.put("org_id", org);
        use.put("client_ip", ip);
        use.put("count", count);
        use.put("last_used_at", Instant.now().toString());
        return use;
    }

    private static io.restassured.response.Response report(List<Map<String, Object>> uses) {
        return given().header("Authorization", "Bearer " + SERVICE_CREDENTIAL).contentType(ContentType.JSON)
                .body(Map.of("uses", uses)).post(REPORTS);
    }

    private static long count(JsonPath usage, String day, String outcome) {
        List<Map<String, Object>> days = usage.getList("days");
        return days.stream().filter(d -> day.equals(d.get("date")) && outcome.equals(d.get("outcome")))
                .mapToLong(d -> ((Number) d.get("count")).longValue()).sum();
    }

    private static JsonPath awaitUsage(String org, String id, Predicate<JsonPath> done) {
        JsonPath[] last = new JsonPath[1];
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
            last[0] = as(org, "free").get("/api/v1/api-keys/" + id + "/usage").then().statusCode(200).extract().jsonPath();
            return done.test(last[0]);
        });
        return last[0];
    }
}
