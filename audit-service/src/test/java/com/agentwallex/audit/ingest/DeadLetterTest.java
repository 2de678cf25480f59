package com.agentwallex.audit.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.agentwallex.audit.support.AuditApi;
import com.agentwallex.audit.support.TestEvents;
import com.agentwallex.common.testing.TestJwtKeys;
import com.agentwallex.audit.support.TestKafka;
import com.agentwallex.common.testing.Tokens;
import com.agentwallex.common.events.AuthEvent;
import com.agentwallex.common.events.AuthEventCodec;
import com.agentwallex.common.events.AuthTopics;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = TestJwtKeys.class, scope = TestResourceScope.GLOBAL)
class DeadLetterTest {

    @Test
    void poisonRecordsGoToTheDeadLetterTopicWithTheirReasonAndGoodRecordsAfterThemAreStored() {
        String org = TestEvents.newOrg();
        String valid = new String(AuthEventCodec.encode(TestEvents.event(org)), StandardCharsets.UTF_8);
        Map<String, byte[]> poison = Map.of(
                "NOT_JSON", "{not json".getBytes(StandardCharsets.UTF_8),
                "MISSING_FIELD", valid.replace("\"org_id\":\"" + org + "\",", "").getBytes(StandardCharsets.UTF_8),
                "UNKNOWN_TYPE", valid.replace("auth.login.succeeded", "auth.login.teleported").getBytes(StandardCharsets.UTF_8),
                "TOO_LARGE", new byte[AuthEventCodec.MAX_BYTES + 10]);
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

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
