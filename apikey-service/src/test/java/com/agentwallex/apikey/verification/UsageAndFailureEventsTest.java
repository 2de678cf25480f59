package com.agentwallex.apikey.verification;

import static com.agentwallex.apikey.support.KeysApi.as;
import static com.agentwallex.apikey.support.KeysApi.code;
import static com.agentwallex.apikey.support.KeysApi.createdSandboxKey;
import static com.agentwallex.apikey.support.KeysApi.freshIp;
import static com.agentwallex.apikey.support.KeysApi.newOrg;
import static com.agentwallex.apikey.support.KeysApi.newSandboxKey;
import static com.agentwallex.apikey.support.KeysApi.read;
import static com.agentwallex.apikey.support.KeysApi.revoke;
import static com.agentwallex.apikey.support.KeysApi.verify;
import static org.assertj.core.api.Assertions.assertThat;

import com.agentwallex.apikey.support.PublishedEvents;
import com.agentwallex.contract.apikey.ApiKeyFormat;
import com.agentwallex.contract.events.AuthEvent;
import com.agentwallex.contract.events.AuthEventCodec;
import com.agentwallex.contract.events.AuthEventType;
import com.agentwallex.contract.events.AuthTopics;
import com.agentwallex.common.testing.TestJwtKeys;
import com.agentwallex.common.testing.TopicReader;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = TestJwtKeys.class, scope = TestResourceScope.GLOBAL)
class UsageAndFailureEventsTest {

    @Test
    void usesBecomeOneCountedEventPerKeyAndAddressPerIntervalAndLastUsedAt() {
        var key = newSandboxKey("agents:read");
        String ip = freshIp();
        for (int i = 0; i < 25; i++) {
            assertThat(code(key.key(), ip)).isEqualTo("VALID");
        }
        List<AuthEvent> used = PublishedEvents.await(e -> e.type() == AuthEventType.API_KEY_USED
                && key.id().equals(e.subject()), 25);
        assertThat(used).allSatisfy(e -> {
            assertThat(e.data().orgId()).isEqualTo(key.org());
            assertThat(e.data().actor().type()).isEqualTo(AuthEvent.ActorType.API_KEY);
        });
        assertThat(PublishedEvents.counted(used)).isEqualTo(25);
        assertThat(used.size()).isLessThan(25);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                read(key.org(), key.id()).path("last_used_at") != null);
    }

    @Test
    void aFloodOfFailuresFromOneSourceCollapsesIntoAFewCountedEvents() {
        String ip = freshIp();
        for (int i = 0; i < 60; i++) {
            assertThat(code(ApiKeyFormat.generate(ApiKeyFormat.Environment.SANDBOX), ip)).isEqualTo("NOT_FOUND");
        }
        List<AuthEvent> failed = PublishedEvents.await(e -> e.type() == AuthEventType.API_KEY_VERIFICATION_FAILED
                && ip.equals(e.data().clientIp()), 60);
        assertThat(failed.size()).isLessThanOrEqualTo(10);
        assertThat(failed).allSatisfy(e -> {
            assertThat(e.data().reason()).isEqualTo("NOT_FOUND");
            assertThat(e.data().orgId()).isEqualTo("_unknown");
        });
    }

    @Test
    void reachingTheFailureLimitIsAuditedOnceNotPerRefusedRequest() {
        String ip = freshIp();
        String unknown = ApiKeyFormat.generate(ApiKeyFormat.Environment.SANDBOX);
        for (int i = 0; i < 100; i++) {
            verify(unknown, ip).then().statusCode(200);
        }
        for (int i = 0; i < 5; i++) {
            verify(unknown, ip).then().statusCode(429);
        }
        List<AuthEvent> limited = PublishedEvents.await(e -> e.type() == AuthEventType.RATE_LIMIT_EXCEEDED
                && ip.equals(e.data().clientIp()), 1);
        assertThat(limited).singleElement().satisfies(e -> {
            assertThat(e.data().reason()).isEqualTo("too_many_failed_verifications");
            assertThat(e.data().outcome()).isEqualTo(AuthEvent.Outcome.FAILURE);
            assertThat(e.source()).isEqualTo("apikey-service");
        });
    }

    @Test
    void anAddressOverItsFailureLimitStillHasAKeyThisReplicaHoldsAnsweredButNoLookUp() {
        var key = newSandboxKey("agents:read");
        var notYetSeen = newSandboxKey("agents:read");
        String ip = freshIp();
        assertThat(code(key.key(), ip)).isEqualTo("VALID");
        String unknown = ApiKeyFormat.generate(ApiKeyFormat.Environment.SANDBOX);
        for (int i = 0; i < 100; i++) {
            verify(unknown, ip).then().statusCode(200);
        }
        verify(unknown, ip).then().statusCode(429);

        assertThat(code(key.key(), ip)).isEqualTo("VALID");
        verify(notYetSeen.key(), ip).then().statusCode(429);
    }

    @Test
    void aRevokedKeysFailuresAreAttributedToItsOrganization() {
        String org = newOrg();
        var created = createdSandboxKey(org, "agents:read");
        revoke(org, created.path("id")).then().statusCode(204);
        String ip = freshIp();
        assertThat(code(created.path("key"), ip)).isEqualTo("REVOKED");
        List<AuthEvent> failed = PublishedEvents.await(e -> e.type() == AuthEventType.API_KEY_VERIFICATION_FAILED
                && ip.equals(e.data().clientIp()), 1);
        assertThat(failed.get(0).data().orgId()).isEqualTo(org);
        assertThat(failed.get(0).subject()).isEqualTo(created.path("id"));
    }

    @Test
    void managementChangesAreAuditedWithoutKeyMaterial() {
        String org = newOrg();
        // 127.0.0.1 is not a trusted proxy in tests: its X-Forwarded-For must not become the client IP
        var created = as(org, "free").header("X-Forwarded-For", "203.0.113.66")
                .body(com.agentwallex.apikey.support.KeysApi.body("sandbox", "agents:read"))
                .post("/api/v1/api-keys").then().statusCode(201).extract().response();
        String id = created.path("id");
        as(org, "free").body(java.util.Map.of("name", "renamed")).patch("/api/v1/api-keys/" + id).then().statusCode(200);
        var successor = com.agentwallex.apikey.support.KeysApi.rotate(org, id, 60L).then().statusCode(201).extract().response();
        revoke(org, successor.path("id")).then().statusCode(204);

        List<ConsumerRecord<String, byte[]>> records = TopicReader.readFromStart(AuthTopics.AUTH_EVENTS,
                r -> r.key().equals(org), 4, Duration.ofSeconds(15));
        List<AuthEventType> types = records.stream().map(r -> decode(r.value()).type()).toList();
        assertThat(decode(records.get(0).value()).data().clientIp()).isEqualTo("127.0.0.1");
        assertThat(types).containsExactly(AuthEventType.API_KEY_CREATED, AuthEventType.API_KEY_UPDATED, AuthEventType.API_KEY_ROTATED, AuthEventType.API_KEY_REVOKED);
        for (ConsumerRecord<String, byte[]> r : records) {
            String json = new String(r.value(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(json).doesNotContain(created.<String>path("key"), successor.<String>path("key"));
            assertThat(json).doesNotContainPattern(ApiKeyFormat.SCANNER_REGEX);
        }
        List<ConsumerRecord<String, byte[]>> revocations = TopicReader.readFromStart(
                AuthTopics.API_KEY_REVOCATIONS, r -> r.key().equals(id) || r.key().equals(successor.path("id")), 3,
                Duration.ofSeconds(15));
        assertThat(revocations).hasSize(3);
    }

    private static AuthEvent decode(byte[] value) {
        try {
            return AuthEventCodec.decode(value);
        } catch (com.agentwallex.contract.events.InvalidEventException e) {
            throw new AssertionError("our own events must decode", e);
        }
    }

}
