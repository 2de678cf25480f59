package com.agentwallex.audit.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.agentwallex.audit.support.AuditApi;
import com.agentwallex.audit.support.ChainReader;
import com.agentwallex.audit.support.TestEvents;
import com.agentwallex.common.testing.PostgresAdmin;
import com.agentwallex.common.testing.TestJwtKeys;
import com.agentwallex.common.testing.TestKafkaClients;
import com.agentwallex.audit.support.TestKafka;
import com.agentwallex.common.testing.Tokens;
import com.agentwallex.contract.events.AuthEvent;
import com.agentwallex.common.events.AuthEventPublisher;
import com.agentwallex.contract.events.AuthTopics;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = TestJwtKeys.class, scope = TestResourceScope.GLOBAL)
class IngestRecoveryTest {

    private final AuditIngestService ingest;
    private final String ownerJdbcUrl;
    private final String runtimeRole;

    IngestRecoveryTest(AuditIngestService ingest,
                       @ConfigProperty(name = "quarkus.datasource.migration.jdbc.url") String ownerJdbcUrl,
                       @ConfigProperty(name = "quarkus.datasource.username") String runtimeRole) {
        this.ingest = ingest;
        this.ownerJdbcUrl = ownerJdbcUrl;
        this.runtimeRole = runtimeRole;
    }

    /** Dies exactly where a crash hurts most: the batch is stored, its offsets are not committed. */
    static final class CrashBeforeCommit extends KafkaConsumer<String, byte[]> {
        final AtomicInteger commitsAttempted = new AtomicInteger();

        CrashBeforeCommit(Map<String, Object> config) {
            super(config);
        }

        @Override
        public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
            commitsAttempted.incrementAndGet();
            throw new IllegalStateException("process killed before the commit");
        }

        @Override
        public void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback callback) {
            commitSync(offsets);
        }
    }

    /** The ingest consumer's own settings, as the administrator: the topic and group are this test's own. */
    private static Map<String, Object> onTestTopic(Map<String, Object> ingestSettings) {
        return TestKafkaClients.asAdmin(ingestSettings);
    }

    @Test
    void aConsumerThatDiesBetweenInsertAndCommitLosesNothingDuplicatesNothingAndContinuesTheChainAfterRestart() throws Exception {
        String topic = "audit-recovery-" + UUID.randomUUID();
        String group = "audit-recovery-" + UUID.randomUUID();
        String org = TestEvents.newOrg();
        List<AuthEvent> events = IntStream.range(0, 50).mapToObj(i -> TestEvents.event(org)).toList();
        AuthEventPublisher publisher = new AuthEventPublisher(TestKafka.producer(), topic);
        events.forEach(e -> publisher.publish(e).join());

        CrashBeforeCommit crashing = new CrashBeforeCommit(onTestTopic(ingest.consumerConfig(group)));
        IngestLoop first = ingest.newLoop(crashing, topic, AuthTopics.AUTH_EVENTS_DLQ);
        Thread firstThread = new Thread(first);
        firstThread.start();
        firstThread.join(Duration.ofSeconds(30).toMillis());
        assertThat(firstThread.isAlive()).isFalse();
        assertThat(crashing.commitsAttempted).hasValueGreaterThanOrEqualTo(1);
        int storedBeforeRestart = AuditApi.allIds(Tokens.forOrg(org), Map.of("limit", 500)).size();
        assertThat(storedBeforeRestart).isPositive();

        IngestLoop restarted = ingest.newLoop(new KafkaConsumer<>(onTestTopic(ingest.consumerConfig(group))), topic,
                AuthTopics.AUTH_EVENTS_DLQ);
        Thread restartedThread = new Thread(restarted);
        restartedThread.start();
        try (Admin admin = TestKafka.admin()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get().values().stream().mapToLong(OffsetAndMetadata::offset).sum()
                    == events.size());
        } finally {
            restarted.stop();
            restartedThread.join(Duration.ofSeconds(10).toMillis());
        }
        assertThat(AuditApi.allIds(Tokens.forOrg(org), Map.of("limit", 500)))
                .containsExactlyInAnyOrderElementsOf(events.stream().map(e -> e.id().toString()).toList());
        // The replayed batch was recognised as stored: the chain goes on from where the crash left it, seq 1..50.
        assertThat(ChainReader.ids(ChainReader.verifiedChain(Tokens.forOrg(org))))
                .containsExactlyInAnyOrderElementsOf(events.stream().map(e -> e.id().toString()).toList());
    }

    @Test
    void whilePostgresRefusesTheServiceGoodEventsWaitInKafkaAndAreNeverDeadLettered() throws Exception {
        String org = TestEvents.newOrg();
        List<AuthEvent> events = IntStream.range(0, 5).mapToObj(i -> TestEvents.event(org)).toList();
        try (Connection owner = PostgresAdmin.connect(ownerJdbcUrl);
             Statement sql = owner.createStatement()) {
            try {
                sql.execute("ALTER ROLE " + runtimeRole + " NOLOGIN");
                sql.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + runtimeRole + "'");
                TestKafka.publish(events);
                await().atMost(Duration.ofSeconds(30)).until(ingest::isRetrying);
            } finally {
                sql.execute("ALTER ROLE " + runtimeRole + " LOGIN");
            }
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(AuditApi.allIds(Tokens.forOrg(org), Map.of()))
                        .containsExactlyInAnyOrderElementsOf(events.stream().map(e -> e.id().toString()).toList()));
        await().atMost(Duration.ofSeconds(30)).until(() -> !ingest.isRetrying());
        assertThat(TestKafka.readAll(AuthTopics.AUTH_EVENTS_DLQ, r -> org.equals(r.key()), 1, Duration.ofSeconds(3)))
                .isEmpty();
    }
}
