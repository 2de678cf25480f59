package com.agentwallex.common.revocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.agentwallex.common.kafka.KafkaClients;
import com.agentwallex.common.testing.TestKafkaClients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An operator who adds partitions to a revocation topic must not leave replicas blind to them:
 * revocations are keyed, so after the change many keys' revocations land in the new partitions.
 */
class AddedPartitionsTest {

    private final KafkaClients kafka = TestKafkaClients.admin();

    @ParameterizedTest(name = "topic read from its {0}")
    @ValueSource(strings = {"beginning", "recent past"})
    void aRecordInAPartitionAddedWhileFollowingIsDelivered(String start) throws Exception {
        String topic = "awx-test-added-partitions-" + UUID.randomUUID();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        CountDownLatch caughtUp = new CountDownLatch(1);
        boolean fromBeginning = start.equals("beginning");
        try (Admin admin = kafka.admin("awx-test-admin", Map.of());
             KafkaProducer<String, byte[]> producer = kafka.reliableProducer("awx-test-producer", Map.of())) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            TopicFollower follower = new TopicFollower(kafka, "awx-test-follower",
                    fromBeginning ? List.of(topic) : List.of(), fromBeginning ? List.of() : List.of(topic),
                    Duration.ofMinutes(5), r -> seen.add(new String(r.value(), StandardCharsets.UTF_8)), caughtUp::countDown,
                    Duration.ofMillis(500));
            follower.start("awx-test-follower");
            try {
                assertThat(caughtUp.await(30, TimeUnit.SECONDS)).isTrue();
                producer.send(new ProducerRecord<>(topic, 0, "k", "before".getBytes(StandardCharsets.UTF_8))).get();
                await().atMost(Duration.ofSeconds(20)).until(() -> seen.contains("before"));

                admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(2))).all().get(30, TimeUnit.SECONDS);
                // the producer's own metadata may not show partition 1 yet: wait until it can send there
                await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() ->
                        producer.send(new ProducerRecord<>(topic, 1, "k", "after".getBytes(StandardCharsets.UTF_8)))
                                .get(5, TimeUnit.SECONDS) != null);

                await().atMost(Duration.ofSeconds(20)).until(() -> seen.contains("after"));
            } finally {
                follower.stop();
                admin.deleteTopics(List.of(topic));
            }
        }
    }
}
