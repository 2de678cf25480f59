package com.agentwallex.common.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.agentwallex.common.kafka.KafkaClients;
import com.agentwallex.common.testing.TestKafkaClients;
import com.agentwallex.contract.events.AuthEvent;
import com.agentwallex.contract.events.AuthEvent.ActorType;
import com.agentwallex.contract.events.AuthEventCodec;
import com.agentwallex.contract.events.AuthEventType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.kafka.CloudEventDeserializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Our records as the official CloudEvents SDK's Kafka binding reads them (structured mode, found by
 * the content-type header): every type of the vocabulary, with its id, source, time and data.
 */
class CloudEventsKafkaBindingTest {

    @Test
    void aConsumerBuiltOnTheCloudEventsSdkReadsEveryEventTypeWePublish() throws Exception {
        String topic = "awx-cloudevents-" + UUID.randomUUID();
        KafkaClients kafka = TestKafkaClients.admin();
        List<AuthEvent> published = Arrays.stream(AuthEventType.values())
                .map(type -> AuthEventBuilder.event("auth-service", type).org("org_1").actor(ActorType.USER, "usr_1").build())
                .toList();
        try (KafkaProducer<String, byte[]> producer = kafka.reliableProducer("cloudevents-test", Map.of())) {
            for (AuthEvent event : published) {
                producer.send(AuthEventPublisher.record(topic, event.data().orgId(), AuthEventCodec.encode(event)))
                        .get(30, TimeUnit.SECONDS);
            }
        }

        List<CloudEvent> read = new ArrayList<>();
        Map<String, Object> settings = kafka.consumerSettings("cloudevents-test", Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, "cloudevents-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));
        try (KafkaConsumer<String, CloudEvent> consumer = new KafkaConsumer<>(settings, new StringDeserializer(),
                new CloudEventDeserializer())) {
            consumer.subscribe(List.of(topic));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> read.add(r.value()));
                return read.size() >= published.size();
            });
        }

        assertThat(read).extracting(CloudEvent::getType)
                .containsExactlyElementsOf(published.stream().map(e -> e.type().wireName()).toList());
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < published.size(); i++) {
            AuthEvent sent = published.get(i);
            CloudEvent got = read.get(i);
            assertThat(got.getSpecVersion()).isEqualTo(SpecVersion.V1);
            assertThat(got.getId()).isEqualTo(sent.id().toString());
            assertThat(got.getSource().toString()).isEqualTo(sent.source());
            assertThat(got.getTime()).isNotNull();
            assertThat(got.getDataContentType()).isEqualTo("application/json");
            JsonNode data = json.readTree(got.getData().toBytes());
            assertThat(data.path("org_id").asText()).isEqualTo(sent.data().orgId());
        }
    }
}
