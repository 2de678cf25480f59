package com.agentwallex.common.revocation;

import com.agentwallex.common.kafka.KafkaClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * Follows every partition of some topics on one daemon thread, without a consumer group: each
 * replica must see every revocation, not a share of them. Topics start from their beginning
 * (state to rebuild, e.g. ended sessions) or a while back (only recent news matters, e.g. keys
 * revoked within the life of a token made from them; a zero look-back reads from the end).
 * Survives Kafka being away by reconnecting; a reconnect re-reads from those starting points.
 * Partitions added to a topic later are followed from their beginning once the follower's metadata
 * shows them (within {@link #PARTITION_CHECK}): a record keyed into one must not go unread until
 * the next restart.
 * The handler may throw IllegalArgumentException for a record it cannot read: it is skipped.
 */
public final class TopicFollower {

    private static final Logger LOG = Logger.getLogger(TopicFollower.class);
    static final Duration PARTITION_CHECK = Duration.ofSeconds(30);

    private final KafkaClients kafka;
    private final String clientId;
    private final List<String> fromBeginning;
    private final List<String> recent;
    private final Duration lookBack;
    private final Consumer<ConsumerRecord<String, byte[]>> handler;
    private final Runnable caughtUp;
    private final Duration partitionCheck;
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, byte[]> consumer;

    /**
     * @param lookBack how far back the {@code recent} topics are read from
     * @param caughtUp called once every topic has been read up to where it stood at (re)connection
     */
    public TopicFollower(KafkaClients kafka, String clientId, List<String> fromBeginning, List<String> recent,
                         Duration lookBack, Consumer<ConsumerRecord<String, byte[]>> handler, Runnable caughtUp) {
        this(kafka, clientId, fromBeginning, recent, lookBack, handler, caughtUp, PARTITION_CHECK);
    }

    TopicFollower(KafkaClients kafka, String clientId, List<String> fromBeginning, List<String> recent, Duration lookBack,
                  Consumer<ConsumerRecord<String, byte[]>> handler, Runnable caughtUp, Duration partitionCheck) {
        this.partitionCheck = partitionCheck;
        this.fromBeginning = List.copyOf(fromBeginning);
        this.recent = List.copyOf(recent);
        this.lookBack = lookBack;
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
            // earliest: a position retention deleted under the reader (the oldest segment of a topic read from
            // its beginning) resumes at what is left, never at the end past revocations it has not read
            // metadata as fresh as the partition check: partitionsFor answers from it
            try (KafkaConsumer<String, byte[]> c = kafka.consumer(clientId, Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.METADATA_MAX_AGE_CONFIG, partitionCheck.toMillis()))) {
                consumer = c;
                List<TopicPartition> beginning = partitions(c, fromBeginning);
                List<TopicPartition> since = partitions(c, recent);
                List<TopicPartition> all = new ArrayList<>(beginning);
                all.addAll(since);
                c.assign(all);
                // never with an empty list: Kafka reads that as "every assigned partition"
                if (!beginning.isEmpty()) {
                    c.seekToBeginning(beginning);
                }
                seekBack(c, since);
                Map<TopicPartition, Long> target = c.endOffsets(all);
                boolean reported = false;
                long nextCheck = System.nanoTime() + partitionCheck.toNanos();
                while (running) {
                    if (System.nanoTime() - nextCheck >= 0) {
                        followAdded(c, all);
                        nextCheck = System.nanoTime() + partitionCheck.toNanos();
                    }
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
                        fromBeginning.isEmpty() ? recent : fromBeginning, e.toString());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * Partitions that appeared since the assignment, read from their beginning: one the assignment
     * did not have was created after it, so all it holds is news, whichever start its topic has.
     */
    private void followAdded(KafkaConsumer<String, byte[]> c, List<TopicPartition> assigned) {
        List<TopicPartition> added = new ArrayList<>(partitions(c, fromBeginning));
        added.addAll(partitions(c, recent));
        added.removeAll(assigned);
        if (added.isEmpty()) {
            return;
        }
        assigned.addAll(added);
        c.assign(assigned);
        c.seekToBeginning(added);
        LOG.infof("%s: following added partitions %s", clientId, added);
    }

    /** To the first record younger than the look-back, or the end where there is none. */
    private void seekBack(KafkaConsumer<String, byte[]> c, List<TopicPartition> partitions) {
        long since = System.currentTimeMillis() - lookBack.toMillis();
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(p -> query.put(p, since));
        Map<TopicPartition, OffsetAndTimestamp> offsets = c.offsetsForTimes(query);
        List<TopicPartition> toEnd = new ArrayList<>();
        for (TopicPartition p : partitions) {
            OffsetAndTimestamp found = offsets.get(p);
            if (found == null) {
                toEnd.add(p);
            } else {
                c.seek(p, found.offset());
            }
        }
        if (!toEnd.isEmpty()) {
            c.seekToEnd(toEnd);
            toEnd.forEach(c::position);
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
