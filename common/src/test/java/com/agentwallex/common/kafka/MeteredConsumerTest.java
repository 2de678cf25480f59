package com.agentwallex.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.agentwallex.common.testing.TestKafkaClients;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A consumer built by KafkaClients is in the registry while open, and nowhere once closed. */
class MeteredConsumerTest {

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final KafkaClients kafka = TestKafkaClients.admin().meteredIn(new MicrometerClientMeters(registry));

    /** Every way Kafka offers to close a consumer. */
    enum Closing {
        PLAIN(KafkaConsumer::close),
        WITH_OPTIONS(c -> c.close(CloseOptions.timeout(Duration.ofSeconds(5)))),
        WITH_TIMEOUT(Closing::closeWithTimeout);

        private final Consumer<KafkaConsumer<String, byte[]>> close;

        Closing(Consumer<KafkaConsumer<String, byte[]>> close) {
            this.close = close;
        }

        // still callable, and called by code written before Kafka 4.1
        @SuppressWarnings("deprecation")
        private static void closeWithTimeout(KafkaConsumer<String, byte[]> c) {
            c.close(Duration.ofSeconds(5));
        }
    }

    @ParameterizedTest
    @EnumSource(Closing.class)
    void aConsumerHasItsLagMetersWhileOpenAndNoKafkaMeterOnceClosedHoweverItIsClosed(Closing closing) {
        String clientId = "meters-test-" + UUID.randomUUID();
        KafkaConsumer<String, byte[]> consumer = kafka.consumer(clientId, Map.of());

        assertThat(meterNames(clientId)).contains("kafka.consumer.fetch.manager.records.lag.max");
        closing.close.accept(consumer);
        assertThat(meters(clientId)).isEmpty();
    }

    @Test
    void aClientIdReopenedAfterACloseHasItsPartitionLagOnceAndLeavesNothingAfterEachClose() throws Exception {
        String topic = "awx-meters-" + UUID.randomUUID();
        try (KafkaProducer<String, byte[]> producer = kafka.reliableProducer("meters-test-producer", Map.of())) {
            producer.send(new ProducerRecord<>(topic, "k", new byte[] {1})).get(30, TimeUnit.SECONDS);
        }
        TopicPartition partition = new TopicPartition(topic, 0);
        String clientId = "meters-test-" + UUID.randomUUID();
        // as a reconnecting revocation follower does: the same client id, one consumer after another
        for (int round = 0; round < 2; round++) {
            try (KafkaConsumer<String, byte[]> consumer = kafka.consumer(clientId, Map.of())) {
                consumer.assign(List.of(partition));
                consumer.seekToBeginning(List.of(partition));
                // the partition's lag appears at its first fetch, and in the registry at the next refresh
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    consumer.poll(Duration.ofMillis(100));
                    assertThat(meters(clientId)).filteredOn(m -> m.getId().getName().equals("kafka.consumer.fetch.manager.records.lag")
                            && topic.equals(m.getId().getTag("topic"))).hasSize(1);
                });
            }
            assertThat(meters(clientId)).isEmpty();
        }
    }

    private List<Meter> meters(String clientId) {
        return registry.getMeters().stream().filter(m -> m.getId().getName().startsWith("kafka."))
                .filter(m -> m.getId().getTags().stream().anyMatch(t -> t.getValue().equals(clientId))).toList();
    }

    private List<String> meterNames(String clientId) {
        return meters(clientId).stream().map(m -> m.getId().getName()).toList();
    }
}
