package com.agentwallex.audit.ingest;

import static com.agentwallex.contract.events.AuthTopics.DLQ_DETAIL;
import static com.agentwallex.contract.events.AuthTopics.DLQ_REASON;
import static com.agentwallex.contract.events.AuthTopics.DLQ_SOURCE_OFFSET;
import static com.agentwallex.contract.events.AuthTopics.DLQ_SOURCE_PARTITION;
import static com.agentwallex.contract.events.AuthTopics.DLQ_SOURCE_TOPIC;
import static com.agentwallex.contract.events.AuthTopics.DLQ_VALUE_OMITTED;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
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

    /**
     * The largest value a dead letter carries. A writer's compressed batch may hold a record of many
     * megabytes, more than this producer may send: that letter could never be published, and the
     * ingest, which commits no offset before its dead letters are out, would stop for good. Beyond this
     * a letter carries the value's size and SHA-256; the source topic, partition and offset lead to it.
     */
    static final int MAX_CARRIED_VALUE = 256 * 1024;

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
            byte[] value = r.record().value();
            boolean omitted = value != null && value.length > MAX_CARRIED_VALUE;
            ProducerRecord<String, byte[]> out = new ProducerRecord<>(topic, r.record().key(), omitted ? null : value);
            Headers headers = out.headers();
            r.record().headers().forEach(headers::add);
            if (omitted) {
                put(headers, DLQ_VALUE_OMITTED, value.length + " bytes, sha256 " + sha256(value));
            }
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

    private static String sha256(byte[] value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
