package com.agentwallex.audit.support;

import com.agentwallex.contract.events.AuthEvent;
import com.agentwallex.common.events.AuthEventPublisher;
import com.agentwallex.common.testing.TestKafkaClients;
import com.agentwallex.common.testing.TopicReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** A real producer and consumer against the broker that the test command started. */
public final class TestKafka {

    private static KafkaProducer<String, byte[]> producer;

    private TestKafka() {
    }

    public static synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = TestKafkaClients.admin().reliableProducer("audit-tests", AuthEventPublisher.TUNING);
        }
        return producer;
    }

    public static Admin admin() {
        return TestKafkaClients.admin().admin("audit-tests-admin", Map.of());
    }

    public static void publish(List<AuthEvent> events) {
        AuthEventPublisher publisher = new AuthEventPublisher(producer());
        events.stream().map(publisher::publish).toList().forEach(f -> f.orTimeout(30, TimeUnit.SECONDS).join());
    }

    public static void publishRaw(String topic, String key, byte[] value) {
        try {
            producer().send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every matching record on a topic from the start: at least {@code expected}, read to the end offsets. */
    public static List<ConsumerRecord<String, byte[]>> readAll(String topic,
            Predicate<ConsumerRecord<String, byte[]>> filter, int expected, Duration timeout) {
        return TopicReader.readFromStart(topic, filter, expected, timeout);
    }
}
