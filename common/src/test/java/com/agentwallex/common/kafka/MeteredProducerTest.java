package com.agentwallex.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.agentwallex.common.testing.TestKafkaClients;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A producer built by KafkaClients counts its sends and errors in the registry while open, and leaves nothing once closed. */
class MeteredProducerTest {

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final KafkaClients kafka = TestKafkaClients.admin().meteredIn(new MicrometerClientMeters(registry));

    /** Both ways Kafka offers to close a producer. */
    enum Closing {
        PLAIN(KafkaProducer::close),
        WITH_TIMEOUT(p -> p.close(Duration.ofSeconds(5)));

        private final Consumer<KafkaProducer<String, byte[]>> close;

        Closing(Consumer<KafkaProducer<String, byte[]>> close) {
            this.close = close;
        }
    }

    @ParameterizedTest
    @EnumSource(Closing.class)
    void aProducerCountsWhatItSentWhileOpenAndHasNoKafkaMeterOnceClosedHoweverItIsClosed(Closing closing) throws Exception {
        String clientId = "meters-test-producer-" + UUID.randomUUID();
        KafkaProducer<String, byte[]> producer = kafka.reliableProducer(clientId, Map.of());
        producer.send(new ProducerRecord<>(topic(), "k", new byte[] {1})).get(30, TimeUnit.SECONDS);

        assertThat(counter(clientId, "kafka.producer.record.send.total").count()).isEqualTo(1);
        assertThat(counter(clientId, "kafka.producer.record.error.total").count()).isZero();
        closing.close.accept(producer);
        assertThat(meters(clientId)).isEmpty();
    }

    @Test
    void aRecordKafkaDoesNotTakeIsCountedAsAnErrorOfItsProducer() throws Exception {
        String clientId = "meters-test-producer-" + UUID.randomUUID();
        String topic = topic();
        try (KafkaProducer<String, byte[]> producer = kafka.reliableProducer(clientId, Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1024))) {
            producer.send(new ProducerRecord<>(topic, "k", new byte[] {1})).get(30, TimeUnit.SECONDS);

            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, "k", new byte[4096])).get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(RecordTooLargeException.class);
            assertThat(counter(clientId, "kafka.producer.record.error.total").count()).isEqualTo(1);
        }
    }

    private static String topic() {
        return "awx-producer-meters-" + UUID.randomUUID();
    }

    private FunctionCounter counter(String clientId, String name) {
        List<Meter> named = meters(clientId).stream().filter(m -> m.getId().getName().equals(name)).toList();
        assertThat(named).as("%s of %s", name, clientId).hasSize(1);
        return (FunctionCounter) named.get(0);
    }

    private List<Meter> meters(String clientId) {
        return registry.getMeters().stream().filter(m -> m.getId().getName().startsWith("kafka."))
                .filter(m -> m.getId().getTags().stream().anyMatch(t -> t.getValue().equals(clientId))).toList();
    }
}
