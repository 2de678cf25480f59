package com.agentwallex.apikey.rotation;

import static com.agentwallex.apikey.support.KeysApi.as;
import static com.agentwallex.apikey.support.KeysApi.code;
import static com.agentwallex.apikey.support.KeysApi.createdSandboxKey;
import static com.agentwallex.apikey.support.KeysApi.freshIp;
import static com.agentwallex.apikey.support.KeysApi.newOrg;
import static com.agentwallex.apikey.support.KeysApi.newSandboxKey;
import static com.agentwallex.apikey.support.KeysApi.read;
import static com.agentwallex.apikey.support.KeysApi.rotate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.agentwallex.apikey.support.PublishedEvents;
import com.agentwallex.common.testing.TestJwtKeys;
import com.agentwallex.contract.events.AuthEvent;
import com.agentwallex.contract.events.AuthEventType;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The 90-day rule, with the period shortened to seconds so it can be watched happen. */
@QuarkusTest
@TestProfile(RotationHardExpiryTest.ShortRotationPeriod.class)
@WithTestResource(value = TestJwtKeys.class, scope = TestResourceScope.GLOBAL)
class RotationHardExpiryTest {

    public static class ShortRotationPeriod implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("awx.apikey.rotation.period", "PT3S", "awx.apikey.rotation.max-grace", "P7D");
        }
    }

    @Test
    void aKeyPastItsRotationDateIsFlaggedButKeepsWorkingByDefault() {
        var key = newSandboxKey("agents:read");
        awaitRotationDue(key.org(), key.id());
        assertThat(code(key.key(), freshIp())).isEqualTo("VALID");
    }

    @Test
    void underAHardExpiryPolicyAKeyPastItsRotationDateIsExpiredEverywhereAtOnce() {
        var key = newSandboxKey("agents:read");
        assertThat(code(key.key(), freshIp())).isEqualTo("VALID");
        awaitRotationDue(key.org(), key.id());
        assertThat(code(key.key(), freshIp())).as("cached and soft: still valid").isEqualTo("VALID");

        hardExpiry(key.org(), true);
        assertThat(code(key.key(), freshIp())).isEqualTo("EXPIRED");
        read(key.org(), key.id()).then().body("status", equalTo("expired"));
        rotate(key.org(), key.id(), null).then().statusCode(409);

        hardExpiry(key.org(), false);
        assertThat(code(key.key(), freshIp())).isEqualTo("VALID");
    }

    @Test
    void rotatingRestartsTheClockForTheSuccessor() {
        String org = newOrg();
        var key = createdSandboxKey(org, "agents:read");
        var successor = rotate(org, key.path("id"), 3600L).then().statusCode(201).extract().response();
        assertThat(successor.<String>path("rotated_from")).isEqualTo(key.path("id"));
        assertThat(successor.<String>path("name")).isEqualTo(key.path("name"));
        assertThat(java.time.Instant.parse(successor.path("rotation_due_at")))
                .isAfter(java.time.Instant.parse(key.path("rotation_due_at")));
        rotate(org, key.path("id"), null).then().statusCode(409);
        rotate(org, successor.path("id"), 604801L).then().statusCode(400).body("parameter", equalTo("grace_period_seconds"));
        rotate(org, successor.path("id"), -1L).then().statusCode(400);
    }

    @Test
    void underAHardExpiryPolicyTheRotationEventAndRevocationNameTheRotationDateWhenItComesBeforeTheGrace() {
        String org = newOrg();
        hardExpiry(org, true);
        var key = createdSandboxKey(org, "agents:read");
        String id = key.path("id");
        rotate(org, id, 3600L).then().statusCode(201);

        Instant due = Instant.parse(key.path("rotation_due_at"));
        AuthEvent rotated = PublishedEvents.await(e -> e.type() == AuthEventType.API_KEY_ROTATED
                && e.data().resource() != null && id.equals(e.data().resource().id()), 1).get(0);
        assertThat(Instant.parse((String) rotated.data().details().get("old_key_expires_at"))).isEqualTo(due);
        assertThat(((Number) rotated.data().details().get("grace_period_seconds")).longValue()).isLessThanOrEqualTo(3);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "EXPIRED".equals(code(key.path("key"), freshIp())));
    }

    private static void hardExpiry(String org, boolean on) {
        as(org, "free").body(Map.of("rotation_hard_expiry", on)).put("/api/v1/api-key-policy").then().statusCode(200);
    }

    private static void awaitRotationDue(String org, String id) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> read(org, id).<Boolean>path("rotation_due"));
    }
}
