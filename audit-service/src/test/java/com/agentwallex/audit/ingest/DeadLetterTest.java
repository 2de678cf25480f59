package com.agentwallex.audit.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.agentwallex.audit.support.AuditApi;
import com.agentwallex.audit.support.TestEvents;
import com.agentwallex.audit.support.TestKafka;
import com.agentwallex.contract.events.AuthEvent;
import com.agentwallex.contract.events.AuthEvent.Outcome;
import com.agentwallex.contract.events.AuthEventCodec;
import com.agentwallex.contract.events.AuthEventType;
import com.agentwallex.contract.events.AuthTopics;
import com.agentwallex.common.testing.PostgresAdmin;
import com.agentwallex.common.testing.TestJwtKeys;
import com.agentwallex.common.testing.TestKafkaClients;
import com.agentwallex.common.testing.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = TestJwtKeys.class, scope = TestResourceScope.GLOBAL)
class DeadLetterTest {

    private final String ownerJdbcUrl;

    DeadLetterTest(@ConfigProperty(name = "quarkus.datasource.migration.jdbc.url") String ownerJdbcUrl) {
        this.ownerJdbcUrl = ownerJdbcUrl;
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicWithTheirReasonAndGoodRecordsAfterThemAreStored() {
        String org = TestEvents.newOrg();
        String valid = new String(AuthEventCodec.encode(TestEvents.event(org)), StandardCharsets.UTF_8);
        Map<String, byte[]> poison = Map.of(
                "NOT_JSON", "{not json".getBytes(StandardCharsets.UTF_8),
                "MISSING_FIELD", bytes(valid.replace("\"org_id\":\"" + org + "\",", "")),
                "UNKNOWN_TYPE", bytes(valid.replace("auth.login.succeeded", "auth.login.teleported")),
                "TOO_LARGE", new byte[AuthEventCodec.MAX_BYTES + 10],
                "WRONG_TYPE", bytes(valid.replace("\"outcome\":\"success\"", "\"outcome\":1")),
                "UNKNOWN_FIELD", bytes(valid.replace("\"outcome\":", "\"mood\":\"calm\",\"outcome\":")),
                "UNSUPPORTED_SPEC_VERSION", bytes(valid.replace("\"specversion\":\"1.0\"", "\"specversion\":\"0.3\"")),
                // a well-formed event whose writer claims a type only auth-service emits
                "SOURCE_NOT_ALLOWED", bytes(valid.replace("\"source\":\"auth-service\"", "\"source\":\"apikey-service\"")),
                "INVALID_VALUE", bytes(valid.replaceFirst("\"time\":\"[^\"]+\"", "\"time\":\"+300000-01-01T00:00:00Z\"")));
        poison.forEach((reason, bytes) -> assertThat(new String(bytes, StandardCharsets.UTF_8)).as(reason)
                .isNotEqualTo(valid));
        poison.values().forEach(bytes -> TestKafka.publishRaw(AuthTopics.AUTH_EVENTS, org, bytes));
        AuthEvent good = TestEvents.event(org);
        TestKafka.publish(List.of(good));

        List<ConsumerRecord<String, byte[]>> dead = TestKafka.readAll(AuthTopics.AUTH_EVENTS_DLQ,
                r -> org.equals(r.key()), poison.size(), Duration.ofSeconds(30));
        Map<String, ConsumerRecord<String, byte[]>> byReason = dead.stream()
                .collect(Collectors.toMap(r -> header(r, AuthTopics.DLQ_REASON), r -> r));
        assertThat(byReason).containsOnlyKeys(poison.keySet());
        byReason.forEach((reason, record) -> {
            assertThat(record.value()).isEqualTo(poison.get(reason));
            assertThat(header(record, AuthTopics.DLQ_SOURCE_TOPIC)).isEqualTo(AuthTopics.AUTH_EVENTS);
            assertThat(Integer.parseInt(header(record, AuthTopics.DLQ_SOURCE_PARTITION))).isNotNegative();
            assertThat(Long.parseLong(header(record, AuthTopics.DLQ_SOURCE_OFFSET))).isNotNegative();
            assertThat(header(record, AuthTopics.DLQ_DETAIL)).isNotBlank();
        });
        await().atMost(Duration.ofSeconds(20)).until(() ->
                AuditApi.allIds(Tokens.forOrg(org), Map.of()).equals(List.of(good.id().toString())));
    }

    @Test
    void aRecordTooLargeToCarryIsDeadLetteredByItsSizeAndHashAndTheIngestGoesOn() throws Exception {
        String org = TestEvents.newOrg();
        byte[] huge = new byte[3 * 1024 * 1024]; // lz4 makes it a small batch the broker takes
        java.util.Arrays.fill(huge, (byte) 'a');
        try (var writer = TestKafkaClients.admin().reliableProducer("audit-tests-huge", Map.of(
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024))) {
            writer.send(new ProducerRecord<>(AuthTopics.AUTH_EVENTS, org, huge))
                    .get(30, TimeUnit.SECONDS);
        }
        AuthEvent good = TestEvents.event(org);
        TestKafka.publish(List.of(good));

        assertThat(TestKafka.readAll(AuthTopics.AUTH_EVENTS_DLQ, r -> org.equals(r.key()), 1, Duration.ofSeconds(30)))
                .singleElement().satisfies(r -> {
                    assertThat(header(r, AuthTopics.DLQ_REASON)).isEqualTo("TOO_LARGE");
                    assertThat(r.value()).isNull();
                    assertThat(header(r, AuthTopics.DLQ_VALUE_OMITTED)).startsWith(huge.length + " bytes, sha256 ");
                });
        await().atMost(Duration.ofSeconds(20)).until(() ->
                AuditApi.allIds(Tokens.forOrg(org), Map.of()).equals(List.of(good.id().toString())));
    }

    @Test
    void anEventFromFarInTheFutureIsDeadLetteredAndDoesNotMoveItsChainsRetention() {
        String org = TestEvents.newOrg();
        AuthEvent future = TestEvents.event(org, AuthEventType.LOGIN_SUCCEEDED, Outcome.SUCCESS,
                Instant.now().plus(Duration.ofDays(400)));
        TestKafka.publish(List.of(future));
        AuthEvent good = TestEvents.event(org);
        TestKafka.publish(List.of(good));

        assertThat(TestKafka.readAll(AuthTopics.AUTH_EVENTS_DLQ, r -> org.equals(r.key()), 1, Duration.ofSeconds(30)))
                .singleElement().satisfies(r -> {
                    assertThat(header(r, AuthTopics.DLQ_REASON)).isEqualTo("TIME_IN_FUTURE");
                    assertThat(r.value()).isEqualTo(AuthEventCodec.encode(future));
                });
        await().atMost(Duration.ofSeconds(20)).until(() ->
                AuditApi.allIds(Tokens.forOrg(org), Map.of()).equals(List.of(good.id().toString())));
    }

    @Test
    void aDetailsNumberBeyondADoubleIsDeadLetteredAndDoesNotStopTheIngest() {
        String org = TestEvents.newOrg();
        // valid JSON and valid for the schema, but read as infinity it has no canonical form to chain
        byte[] huge = bytes(new String(AuthEventCodec.encode(TestEvents.event(org)), StandardCharsets.UTF_8)
                .replace("\"attempt\":1", "\"attempt\":1e400"));
        TestKafka.publishRaw(AuthTopics.AUTH_EVENTS, org, huge);
        AuthEvent good = TestEvents.event(org);
        TestKafka.publish(List.of(good));

        assertThat(TestKafka.readAll(AuthTopics.AUTH_EVENTS_DLQ, r -> org.equals(r.key()), 1, Duration.ofSeconds(30)))
                .singleElement().satisfies(r -> {
                    assertThat(r.value()).isEqualTo(huge);
                    assertThat(header(r, AuthTopics.DLQ_REASON)).isEqualTo("INVALID_VALUE");
                });
        await().atMost(Duration.ofSeconds(20)).until(() ->
                AuditApi.allIds(Tokens.forOrg(org), Map.of()).equals(List.of(good.id().toString())));
    }

    @Test
    void anEventPostgresRefusesAsDataIsDeadLetteredAndTheRestOfItsBatchIsStored() throws Exception {
        String org = "org_refused_" + UUID.randomUUID();
        AuthEvent refused = TestEvents.event(org);
        AuthEvent fellow = TestEvents.event(TestEvents.newOrg());
        // A real refusal by PostgreSQL, for this test's organization only: a CHECK on this month's partition
        // of the free class, where a new organization's events go.
        String partition = "audit_event_free_" + DateTimeFormatter.ofPattern("'y'yyyy'm'MM").format(refused.time().atZone(ZoneOffset.UTC));
        try (Connection owner = PostgresAdmin.connect(ownerJdbcUrl);
             Statement sql = owner.createStatement()) {
            sql.execute("ALTER TABLE " + partition + " ADD CONSTRAINT refuse_test_org CHECK (org_id <> '" + org + "') NOT VALID");
            try {
                TestKafka.publish(List.of(refused, fellow));
                List<ConsumerRecord<String, byte[]>> dead = TestKafka.readAll(AuthTopics.AUTH_EVENTS_DLQ,
                        r -> org.equals(r.key()), 1, Duration.ofSeconds(30));
                assertThat(dead).singleElement().satisfies(r -> {
                    assertThat(header(r, AuthTopics.DLQ_REASON)).isEqualTo("STORE_REJECTED");
                    assertThat(header(r, AuthTopics.DLQ_DETAIL)).contains("23514");
                    // the record's own headers travel with it: still a CloudEvent to a CloudEvents consumer
                    assertThat(header(r, AuthTopics.HEADER_CONTENT_TYPE)).isEqualTo(AuthTopics.CLOUDEVENTS_JSON);
                    assertThat(r.value()).isEqualTo(AuthEventCodec.encode(refused));
                });
            } finally {
                sql.execute("ALTER TABLE " + partition + " DROP CONSTRAINT refuse_test_org");
            }
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> AuditApi.allIds(Tokens.forOrg(fellow.data().orgId()), Map.of())
                .equals(List.of(fellow.id().toString())));
        assertThat(AuditApi.allIds(Tokens.forOrg(org), Map.of())).isEmpty();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
