package com.agentwallex.system.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.agentwallex.system.support.AuditTrail;
import com.agentwallex.system.support.AuditTrail.Entry;
import com.agentwallex.system.support.Stack;
import com.agentwallex.system.support.Users;
import com.agentwallex.system.support.Users.Session;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Usage counts every use exactly, including those a service answered from its own cache of verify
 * answers (reported back in batches), and names the client addresses still sending a rotated key.
 */
@QuarkusTest
@WithTestResource(value = Stack.class, scope = TestResourceScope.GLOBAL)
class ExactUsageTest {

    @Test
    void everyUseIsCountedOnceEvenWhenAServiceAnsweredItFromItsCache() {
        Session user = Users.signIn();
        Response key = Users.createKey(user, "production", "audit:read");
        for (int i = 0; i < 12; i++) {
            Stack.entryFrom("127.0.0.61").header("X-API-Key", key.<String>path("key")).get("/api/v1/audit-logs?limit=1")
                    .then().statusCode(200);
        }
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        JsonPath usage = awaitUsage(user, key.path("id"), u -> successes(u, today) >= 12);
        assertThat(successes(usage, today)).isEqualTo(12);

        List<Entry> trail = AuditTrail.await(user.accessToken(), e -> e.type().equals("api_key.used"), 1, Duration.ofSeconds(30));
        long used = trail.stream().filter(e -> e.type().equals("api_key.used") && key.path("id").equals(e.actorId()))
                .mapToLong(e -> ((Number) e.details().get("count")).longValue()).sum();
        assertThat(used).isEqualTo(12);
        user.bearer().get("/api/v1/api-keys/" + key.path("id")).then().statusCode(200)
                .body("last_used_ip", org.hamcrest.Matchers.equalTo("127.0.0.61"));
    }

    @Test
    void duringARotationsGraceTheOldKeysUsageNamesEachAddressStillSendingIt() {
        Session user = Users.signIn();
        Response old = Users.createKey(user, "production", "audit:read");
        Users.rotateKey(user, old.path("id"));
        for (String address : List.of("127.0.0.62", "127.0.0.63", "127.0.0.63")) {
            Stack.entryFrom(address).header("X-API-Key", old.<String>path("key")).get("/api/v1/audit-logs?limit=1")
                    .then().statusCode(200);
        }
        JsonPath usage = awaitUsage(user, old.path("id"), u -> u.getList("clients.count", Long.class).stream()
                .mapToLong(Long::longValue).sum() >= 3);
        List<Map<String, Object>> clients = usage.getList("clients");
        assertThat(clients).extracting(c -> c.get("client_ip")).containsExactlyInAnyOrder("127.0.0.62", "127.0.0.63");
        assertThat(clients).filteredOn(c -> "127.0.0.63".equals(c.get("client_ip")))
                .singleElement().satisfies(c -> assertThat(((Number) c.get("count")).longValue()).isEqualTo(2));
    }

    private static long successes(JsonPath usage, String day) {
        List<Map<String, Object>> days = usage.getList("days");
        return days.stream().filter(d -> day.equals(d.get("date")) && "success".equals(d.get("outcome")))
                .mapToLong(d -> ((Number) d.get("count")).longValue()).sum();
    }

    private static JsonPath awaitUsage(Session user, String keyId, Predicate<JsonPath> done) {
        JsonPath[] last = new JsonPath[1];
        Awaitility.await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(500)).until(() -> {
            last[0] = user.bearer().get("/api/v1/api-keys/" + keyId + "/usage").then().statusCode(200).extract().jsonPath();
            return done.test(last[0]);
        });
        return last[0];
    }
}
