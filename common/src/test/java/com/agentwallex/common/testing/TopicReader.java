package com.agentwallex.common.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a topic the way a downstream consumer would, for every service's tests. Every read ends
 * at the topic's end offsets, never at the first N matches: a test that claims "exactly N" must
 * see a duplicate that is already on the topic.
 */
public final class TopicReader {

    private TopicReader() {
    }

    /**
     * Every matching record of {@code topic} from its start: waits up to {@code timeout} for at
     * least {@code expected} matches, then reads on to the end offsets as they stand at that moment.
     */
    public static List<ConsumerRecord<String, byte[]>> readFromStart(String topic,
            Predicate<ConsumerRecord<String, byte[]>> filter, int expected, Duration timeout) {
        List<ConsumerRecord<String, byte[]>> matched = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = TestKafkaClients.admin().consumer("tests-topic-reader",
                Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (matched.size() < expected && System.nanoTime() < deadline) {
                poll(consumer, filter, matched);
            }
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                poll(consumer, filter, matched);
            }
        }
        return matched;
    }

    /** Every matching record on the topic now, from its start to its end offsets. */
    public static List<ConsumerRecord<String, byte[]>> readAll(String topic,
            Predicate<ConsumerRecord<String, byte[]>> filter) {
        return readFromStart(topic, filter, 0, Duration.ZERO);
    }

    private static void poll(KafkaConsumer<String, byte[]> consumer, Predicate<ConsumerRecord<String, byte[]>> filter,
                             List<ConsumerRecord<String, byte[]>> matched) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            if (filter.test(record)) {
                matched.add(record);
            }
        }
    }

}
