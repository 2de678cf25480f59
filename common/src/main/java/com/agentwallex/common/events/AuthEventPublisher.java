package com.agentwallex.common.events;

import com.agentwallex.contract.events.AuthEvent;
import com.agentwallex.contract.events.AuthEventCodec;
import com.agentwallex.contract.events.AuthTopics;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Publishes auth events keyed by organization id, so that one tenant's events stay in order on
 * one partition. Services call it from their outbox relay, never inside a request.
 */
public final class AuthEventPublisher {

    private final Producer<String, byte[]> producer;
    private final String topic;

    public AuthEventPublisher(Producer<String, byte[]> producer) {
        this(producer, AuthTopics.AUTH_EVENTS);
    }

    public AuthEventPublisher(Producer<String, byte[]> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    /** Completes when the broker has the record (acks=all with {@code KafkaClients.reliableProducer}). */
    public CompletableFuture<RecordMetadata> publish(AuthEvent event) {
        return publish(event.data().orgId(), AuthEventCodec.encode(event));
    }

    /** For relays that kept the encoded event in their outbox. */
    public CompletableFuture<RecordMetadata> publish(String orgId, byte[] encodedEvent) {
        CompletableFuture<RecordMetadata> result = new CompletableFuture<>();
        producer.send(record(topic, orgId, encodedEvent), (metadata, error) -> {
            if (error != null) {
                result.completeExceptionally(error);
            } else {
                result.complete(metadata);
            }
        });
        return result;
    }

    public static ProducerRecord<String, byte[]> record(String topic, String orgId, byte[] encodedEvent) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, orgId, encodedEvent);
        record.headers().add(AuthTopics.HEADER_CONTENT_TYPE,
                AuthTopics.CLOUDEVENTS_JSON.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    /** Small batches, compressed: events leave in bursts of a few hundred bytes each. */
    public static final Map<String, Object> TUNING = Map.of(
            ProducerConfig.LINGER_MS_CONFIG, 5,
            ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
}
