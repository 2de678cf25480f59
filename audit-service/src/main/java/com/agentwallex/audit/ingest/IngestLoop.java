package com.agentwallex.audit.ingest;

import com.agentwallex.audit.ingest.DeadLetterPublisher.Rejected;
import com.agentwallex.common.events.AuthEvent;
import com.agentwallex.common.events.AuthEventCodec;
import com.agentwallex.common.events.InvalidEventException;
import io.vertx.pgclient.PgException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * At-least-once ingestion with an idempotent sink: poll, set unreadable records aside, store the
 * rest in one statement, and only then commit. A crash anywhere before the commit replays the
 * batch, and the store ignores what it already has, so nothing is lost and nothing doubles.
 * While PostgreSQL cannot take a batch the partitions are paused and the batch retried: good
 * events are never dead-lettered for an outage.
 */
class IngestLoop implements Runnable {

    private static final Logger LOG = Logger.getLogger(IngestLoop.class);
    static final String STORE_REJECTED = "STORE_REJECTED";

    private final Consumer<String, byte[]> consumer;
    private final AuditEventBatchRepository repository;
    private final DeadLetterPublisher deadLetters;
    private final IngestMetrics metrics;
    private final IngestConfig config;
    private final String topic;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private volatile boolean storing = true;
    private volatile boolean retrying;

    IngestLoop(Consumer<String, byte[]> consumer, AuditEventBatchRepository repository,
               DeadLetterPublisher deadLetters, IngestMetrics metrics, IngestConfig config, String topic) {
        this.consumer = consumer;
        this.repository = repository;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.config = config;
        this.topic = topic;
    }

    @Override
    public void run() {
        consumer.subscribe(List.of(topic), new PauseNewPartitionsWhileRetrying());
        try {
            while (running.get()) {
                ConsumerRecords<String, byte[]> records = consumer.poll(config.pollTimeout());
                if (!records.isEmpty()) {
                    handle(records);
                }
            }
        } catch (WakeupException e) {
            if (running.get()) {
                throw e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
            storing = false;
        }
    }

    void stop() {
        running.set(false);
        consumer.wakeup();
    }

    /** False once the loop has ended: nothing is being ingested any more. */
    boolean isAlive() {
        return storing;
    }

    /** True while a batch waits for PostgreSQL or Kafka to come back. */
    boolean isRetrying() {
        return retrying;
    }

    private void handle(ConsumerRecords<String, byte[]> records) throws InterruptedException {
        long start = System.nanoTime();
        List<AuthEvent> events = new ArrayList<>(records.count());
        List<Rejected> rejected = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                events.add(AuthEventCodec.decode(record.value()));
            } catch (InvalidEventException e) {
                rejected.add(new Rejected(record, e.reason().name(), e.detail()));
            }
        }
        int inserted = withRetry(() -> storeOrSetAside(events, records, rejected));
        withRetry(() -> {
            deadLetters.publish(rejected);
            return 0;
        });
        rejected.forEach(r -> metrics.deadLettered(r.reason()));
        commit(records);
        metrics.batch(records.count(), inserted, events.size() - storeRejectedCount(rejected), System.nanoTime() - start);
    }

    /** Stores the batch; if PostgreSQL refuses some rows as data, stores the rest one by one. */
    private int storeOrSetAside(List<AuthEvent> events, ConsumerRecords<String, byte[]> records,
                                List<Rejected> rejected) {
        try {
            return repository.insert(events);
        } catch (RuntimeException e) {
            if (!isDataError(e)) {
                throw e;
            }
        }
        Map<java.util.UUID, ConsumerRecord<String, byte[]>> byId = recordsById(records);
        int inserted = 0;
        for (AuthEvent event : events) {
            try {
                inserted += repository.insert(List.of(event));
            } catch (RuntimeException e) {
                if (!isDataError(e)) {
                    throw e;
                }
                rejected.add(new Rejected(byId.get(event.id()), STORE_REJECTED, sqlState(e)));
            }
        }
        return inserted;
    }

    private static Map<java.util.UUID, ConsumerRecord<String, byte[]>> recordsById(
            ConsumerRecords<String, byte[]> records) {
        Map<java.util.UUID, ConsumerRecord<String, byte[]>> byId = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                byId.putIfAbsent(AuthEventCodec.decode(record.value()).id(), record);
            } catch (InvalidEventException e) {
                // already set aside
            }
        }
        return byId;
    }

    private static int storeRejectedCount(List<Rejected> rejected) {
        return (int) rejected.stream().filter(r -> STORE_REJECTED.equals(r.reason())).count();
    }

    /** SQL states 22 (data exception) and 23 (integrity) will fail the same way on every retry. */
    private static boolean isDataError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PgException pg && pg.getSqlState() != null
                    && (pg.getSqlState().startsWith("22") || pg.getSqlState().startsWith("23"))) {
                return true;
            }
        }
        return false;
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PgException pg) {
                return "PostgreSQL refused the row (SQLSTATE " + pg.getSqlState() + ")";
            }
        }
        return "PostgreSQL refused the row";
    }

    @FunctionalInterface
    private interface Attempt {
        int run() throws Exception;
    }

    /**
     * Retries until it works or the loop stops. Partitions stay paused meanwhile, and polling goes
     * on so that the group does not evict this consumer.
     */
    private int withRetry(Attempt attempt) throws InterruptedException {
        long backoffMillis = 100;
        while (true) {
            try {
                int result = attempt.run();
                if (retrying) {
                    retrying = false;
                    consumer.resume(consumer.paused());
                    LOG.info("audit ingestion resumed");
                }
                return result;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                if (!running.get()) {
                    throw new WakeupException();
                }
                if (!retrying) {
                    LOG.warnf("audit ingestion paused, will retry: %s", e.toString());
                }
                retrying = true;
                metrics.storeRetry();
                consumer.pause(consumer.assignment());
                ConsumerRecords<String, byte[]> stray = consumer.poll(Duration.ofMillis(backoffMillis));
                rewind(stray);
                backoffMillis = Math.min(backoffMillis * 2, config.maxRetryBackoff().toMillis());
            }
        }
    }

    /** Records that arrive while paused (from a fresh assignment) are read again later. */
    private void rewind(ConsumerRecords<String, byte[]> stray) {
        for (TopicPartition partition : stray.partitions()) {
            consumer.seek(partition, stray.records(partition).get(0).offset());
        }
        consumer.pause(consumer.assignment());
    }

    private void commit(ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<String, byte[]>> list = records.records(partition);
            offsets.put(partition, new OffsetAndMetadata(list.get(list.size() - 1).offset() + 1));
        }
        try {
            consumer.commitSync(offsets);
        } catch (org.apache.kafka.clients.consumer.CommitFailedException e) {
            // The partitions moved to another member, which replays the batch; the store dedupes.
            LOG.info("offsets not committed after a rebalance; the new owner replays the batch");
        }
    }

    private final class PauseNewPartitionsWhileRetrying implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // Nothing to flush: uncommitted work is replayed by the next owner.
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (retrying) {
                consumer.pause(Set.copyOf(partitions));
            }
        }
    }
}
