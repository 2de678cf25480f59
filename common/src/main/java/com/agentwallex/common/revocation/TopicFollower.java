package com.agentwallex.common.revocation;

import com.agentwallex.common.kafka.KafkaClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * Follows every partition of some topics on one daemon thread, without a consumer group: each
 * replica must see every revocation, not a share of them. Topics start from their beginning
 * (state to rebuild, e.g. ended sessions) or their end (only news matters, e.g. cache
 * evictions). Survives Kafka being away by reconnecting; a reconnect re-reads "beginning" topics.
 * The handler may throw IllegalArgumentException for a record it cannot read: it is skipped.
 */
public final class TopicFollower {

    private static final Logger LOG = Logger.getLogger(TopicFollower.class);

    private final KafkaClients kafka;
    private final String clientId;
    private final List<String> fromBeginning;
    private final List<String> fromEnd;
    private final Consumer<ConsumerRecord<String, byte[]>> handler;
    private final Runnable caughtUp;
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, byte[]> consumer;

    /**
     * @param caughtUp called once every "beginning" topic has been read up to where it stood at
     *                 (re)connection
     */
    public TopicFollower(KafkaClients kafka, String clientId, List<String> fromBeginning, List<String> fromEnd,
                         Consumer<ConsumerRecord<String, byte[]>> handler, Runnable caughtUp) {
        this.fromBeginning = List.copyOf(fromBeginning);
        this.fromEnd = List.copyOf(fromEnd);
        this.handler = handler;
        this.caughtUp = caughtUp;
        this.kafka = kafka;
        this.clientId = clientId;
    }

    public void start(String threadName) {
        Thread thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    public void stop() {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, byte[]> c = kafka.consumer(clientId, Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false))) {
                consumer = c;
                List<TopicPartition> beginning = partitions(c, fromBeginning);
                List<TopicPartition> end = partitions(c, fromEnd);
                List<TopicPartition> all = new ArrayList<>(beginning);
                all.addAll(end);
                c.assign(all);
                c.seekToBeginning(beginning);
                c.seekToEnd(end);
                end.forEach(c::position);
                Map<TopicPartition, Long> target = c.endOffsets(beginning);
                boolean reported = false;
                while (running) {
                    // Checked before polling too: with nothing left to read, a poll would only wait out
                    // its timeout, and readiness with it (0.5 s of every start-up).
                    if (!reported && target.entrySet().stream().allMatch(e -> c.position(e.getKey()) >= e.getValue())) {
                        reported = true;
                        caughtUp.run();
                    }
                    for (ConsumerRecord<String, byte[]> record : c.poll(Duration.ofMillis(500))) {
                        deliver(record);
                    }
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warnf("%s: following %s again after: %s", clientId,
                        fromBeginning.isEmpty() ? fromEnd : fromBeginning, e.toString());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Tombstones (compaction deletes) carry nothing; an unreadable record is skipped, not fatal. */
    private void deliver(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        try {
            handler.accept(record);
        } catch (IllegalArgumentException e) {
            LOG.warnf("ignoring an unreadable record at %s-%d@%d", record.topic(), record.partition(), record.offset());
        }
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, byte[]> c, List<String> topics) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " not found");
            }
            infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        return partitions;
    }
}
