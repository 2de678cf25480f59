package com.agentwallex.audit.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.agentwallex.audit.support.ChainReader;
import com.agentwallex.audit.support.TestEvents;
import com.agentwallex.audit.support.TestKafka;
import com.agentwallex.contract.events.AuthEvent;
import com.agentwallex.common.events.AuthEventPublisher;
import com.agentwallex.contract.events.AuthTopics;
import com.agentwallex.common.testing.TestJwtKeys;
import com.agentwallex.common.testing.TestKafkaClients;
import com.agentwallex.common.testing.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = TestJwtKeys.class, scope = TestResourceScope.GLOBAL)
class HashChainIngestTest {

    private final AuditIngestService ingest;

    HashChainIngestTest(AuditIngestService ingest) {
        this.ingest = ingest;
    }

    @Test
    void everyStoredEventIsLinkedToTheOneStoredBeforeItInItsOrganization() {
        String org = TestEvents.newOrg();
        List<AuthEvent> events = IntStream.range(0, 30).mapToObj(i -> TestEvents.event(org)).toList();
        TestKafka.publish(events);

        await().atMost(Duration.ofSeconds(30)).until(() -> ChainReader.after(Tokens.forOrg(org), 0, Map.of()).size() == 30);
        assertThat(ChainReader.ids(ChainReader.verifiedChain(Tokens.forOrg(org))))
                .containsExactlyInAnyOrderElementsOf(events.stream().map(e -> e.id().toString()).toList());
    }

    @Test
    void aRedeliveredEventIsRecognisedBeforeChainingAndLeavesNoGap() {
        String org = TestEvents.newOrg();
        AuthEvent first = TestEvents.event(org);
        AuthEvent second = TestEvents.event(org);
        TestKafka.publish(List.of(first, first));
        await().atMost(Duration.ofSeconds(30)).until(() -> ChainReader.after(Tokens.forOrg(org), 0, Map.of()).size() == 1);
        TestKafka.publish(List.of(first, second, second, first));

        await().atMost(Duration.ofSeconds(30)).until(() -> ChainReader.ids(ChainReader.after(Tokens.forOrg(org), 0, Map.of()))
                .contains(second.id().toString()));
        assertThat(ChainReader.ids(ChainReader.verifiedChain(Tokens.forOrg(org))))
                .containsExactly(first.id().toString(), second.id().toString());
    }

    /**
     * Two consumer groups read the same partitions at once: every event reaches two writers, which is
     * what a rebalance does to the batch in flight, all the time. Each event is stored once, and each
     * organization's chain has no fork and no gap. A third consumer joins one group midway (a rebalance).
     */
    @Test
    void concurrentConsumersAndARebalanceNeverForkAnOrganizationsChain() throws Exception {
        String topic = "audit-chain-" + UUID.randomUUID();
        try (Admin admin = TestKafka.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 4, (short) 1))).all().get();
        }
        List<String> orgs = IntStream.range(0, 6).mapToObj(i -> TestEvents.newOrg()).toList();
        List<AuthEvent> published = new ArrayList<>();
        List<IngestLoop> loops = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        String groupA = "audit-chain-a-" + UUID.randomUUID();
        String groupB = "audit-chain-b-" + UUID.randomUUID();
        try (KafkaProducer<String, byte[]> producer = oneRequestInFlight()) {
            AuthEventPublisher publisher = new AuthEventPublisher(producer, topic);
            start(loops, threads, topic, groupA);
            start(loops, threads, topic, groupB);
            publish(publisher, orgs, 0, 100, published);
            start(loops, threads, topic, groupA);
            publish(publisher, orgs, 100, 200, published);

            for (String org : orgs) {
                List<String> expected = published.stream().filter(e -> e.data().orgId().equals(org))
                        .map(e -> e.id().toString()).toList();
                await().atMost(Duration.ofSeconds(60)).until(() ->
                        ChainReader.after(Tokens.forOrg(org), 0, Map.of()).size() >= expected.size());
                assertThat(ChainReader.ids(ChainReader.verifiedChain(Tokens.forOrg(org))))
                        .containsExactlyInAnyOrderElementsOf(expected);
            }
        } finally {
            loops.forEach(IngestLoop::stop);
            for (Thread thread : threads) {
                thread.join(Duration.ofSeconds(10).toMillis());
            }
            try (Admin admin = TestKafka.admin()) {
                admin.deleteTopics(List.of(topic)).all().get();
            }
        }
    }

    /**
     * A topic this new can refuse a partition's first batch (NOT_LEADER_OR_FOLLOWER: the broker has not
     * opened the partition yet) and accept the batch after it; the retried first batch is then out of
     * sequence for good (the shared idempotent producer got OutOfOrderSequenceException once). With one
     * request in flight the retry goes before anything after it.
     */
    private static KafkaProducer<String, byte[]> oneRequestInFlight() {
        Map<String, Object> tuning = new HashMap<>(AuthEventPublisher.TUNING);
        tuning.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        return TestKafkaClients.admin().reliableProducer("audit-chain-test", tuning);
    }

    private void start(List<IngestLoop> loops, List<Thread> threads, String topic, String group) {
        IngestLoop loop = ingest.newLoop(new KafkaConsumer<>(TestKafkaClients.asAdmin(ingest.consumerConfig(group))),
                topic, AuthTopics.AUTH_EVENTS_DLQ);
        Thread thread = new Thread(loop, "chain-test-" + threads.size());
        thread.start();
        loops.add(loop);
        threads.add(thread);
    }

    private static void publish(AuthEventPublisher publisher, List<String> orgs, int from, int to, List<AuthEvent> published) {
        List<AuthEvent> events = IntStream.range(from, to).mapToObj(i -> TestEvents.event(orgs.get(i % orgs.size()))).toList();
        events.stream().map(publisher::publish).toList().forEach(java.util.concurrent.CompletableFuture::join);
        published.addAll(events);
    }

}
