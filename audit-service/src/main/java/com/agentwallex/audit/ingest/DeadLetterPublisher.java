package com.agentwallex.audit.ingest;

import static com.agentwallex.contract.events.AuthTopics.DLQ_DETAIL;
import static com.agentwallex.contract.events.AuthTopics.DLQ_REASON;
import static com.agentwallex.contract.events.AuthTopics.DLQ_SOURCE_OFFSET;
import static com.agentwallex.contract.events.AuthTopics.DLQ_SOURCE_PARTITION;
import static com.agentwallex.contract.events.AuthTopics.DLQ_SOURCE_TOPIC;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;

/** Moves unreadable records aside, with why and where they came from, so the stream goes on. */
class DeadLetterPublisher {

    record Rejected(ConsumerRecord<String, byte[]> record, String reason, String detail) {
    }

    private final Producer<String, byte[]> producer;
    private final String topic;

    DeadLetterPublisher(Producer<String, byte[]> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    /** Returns once the broker holds every record; the batch's offsets may be committed after that. */
    void publish(List<Rejected> rejected) throws ExecutionException, InterruptedException, TimeoutException {
        List<Future<RecordMetadata>> sent = new ArrayList<>(rejected.size());
        for (Rejected r : rejected) {
            ProducerRecord<String, byte[]> out = new ProducerRecord<>(topic, r.record().key(), r.record().value());
            Headers headers = out.headers();
            r.record().headers().forEach(headers::add);
            put(headers, DLQ_REASON, r.reason());
            put(headers, DLQ_DETAIL, r.detail());
            put(headers, DLQ_SOURCE_TOPIC, r.record().topic());
            put(headers, DLQ_SOURCE_PARTITION, Integer.toString(r.record().partition()));
            put(headers, DLQ_SOURCE_OFFSET, Long.toString(r.record().offset()));
            sent.add(producer.send(out));
        }
        producer.flush();
        for (Future<RecordMetadata> f : sent) {
            f.get(30, TimeUnit.SECONDS);
        }
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
