package com.agentwallex.audit.ingest;

import com.agentwallex.audit.ingest.DeadLetterPublisher.Rejected;
import com.agentwallex.audit.ingest.IngestMetrics.Phase;
import com.agentwallex.audit.verifier.EventChain;
import com.agentwallex.contract.events.AuthEvent;
import com.agentwallex.contract.events.AuthEventCodec;
import com.agentwallex.contract.events.AuthEventCodec.Read;
import com.agentwallex.contract.events.InvalidEventException;
import io.vertx.pgclient.PgException;
import java.time.Duration;
import java.time.Instant;
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
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
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
    static final String SOURCE_NOT_ALLOWED = "SOURCE_NOT_ALLOWED";
    static final String TIME_IN_FUTURE = "TIME_IN_FUTURE";
    /**
     * How far ahead of this service's clock an event's time may be. A later one would move its chain's
     * retained_at into a month that may have no partition yet (its class's default partition, which
     * retention never drops, then holds that month for every organization of the class) and keep every
     * later event of the organization from being recognised as new without a look-up.
     */
    static final Duration MAX_AHEAD = Duration.ofHours(1);

    private final Consumer<String, byte[]> consumer;
    private final BatchAppendService store;
    private final DeadLetterPublisher deadLetters;
    private final IngestMetrics metrics;
    private final IngestConfig config;
    private final String topic;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private volatile boolean storing = true;
    private volatile boolean retrying;
    /** The next offset of each owned partition whose records are stored (committed, or the commit on its way). */
    private final Map<TopicPartition, OffsetAndMetadata> storedUpTo = new HashMap<>();

    IngestLoop(Consumer<String, byte[]> consumer, BatchAppendService store,
               DeadLetterPublisher deadLetters, IngestMetrics metrics, IngestConfig config, String topic) {
        this.consumer = consumer;
        this.store = store;
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
                long polling = System.nanoTime();
                ConsumerRecords<String, byte[]> records = consumer.poll(config.pollTimeout());
                if (!records.isEmpty()) {
                    metrics.phase(Phase.POLL, polling);
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
            if (!running.get()) {
                commitStored(Set.copyOf(storedUpTo.keySet()));
            }
            // After a failure nothing more is committed (as if the process had died): the next owner replays.
            storedUpTo.clear();
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

    /** A record with the event it holds, details in their canonical form (the form stored and hashed). */
    private record Decoded(ConsumerRecord<String, byte[]> record, Read<String> event) {
    }

    /** What one store attempt came to: new rows, and records PostgreSQL refused as data. */
    private record Stored(int inserted, List<Rejected> refused) {
    }

    private void handle(ConsumerRecords<String, byte[]> records) throws InterruptedException {
        long start = System.nanoTime();
        List<Decoded> decoded = new ArrayList<>(records.count());
        List<Rejected> rejected = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            readHeaders(record);
            try {
                Read<String> read = AuthEventCodec.decode(record.value(), EventChain::canonicalJson);
                AuthEvent event = read.event();
                if (event.time().isAfter(Instant.now().plus(MAX_AHEAD))) {
                    rejected.add(new Rejected(record, TIME_IN_FUTURE, "time " + event.time() + " is more than "
                            + MAX_AHEAD.toMinutes() + " minutes ahead of audit-service's clock"));
                } else if (event.type().mayComeFrom(event.source())) {
                    decoded.add(new Decoded(record, read));
                } else {
                    // Only auth-service emits auth.*, apikey-service api_key.*, audit-service audit.*: any other writer's claim is refused.
                    rejected.add(new Rejected(record, SOURCE_NOT_ALLOWED, event.type().wireName() + " may not come from "
                            + printable(event.source())));
                }
            } catch (InvalidEventException e) {
                rejected.add(new Rejected(record, e.reason().name(), e.detail()));
            }
        }
        metrics.phase(Phase.DECODE, start);
        Stored stored = withRetry(() -> store(decoded));
        rejected.addAll(stored.refused());
        long t = System.nanoTime();
        withRetry(() -> {
            deadLetters.publish(rejected);
            return null;
        });
        rejected.forEach(r -> metrics.deadLettered(r.reason()));
        t = metrics.phase(Phase.DEAD_LETTER, t);
        commit(records);
        metrics.phase(Phase.KAFKA_COMMIT, t);
        metrics.batch(records.count(), stored.inserted(), decoded.size() - stored.refused().size(),
                System.nanoTime() - start);
    }

    /**
     * Until read, a header's name and value are views of its record's whole buffer, so a batch would keep
     * every record's bytes twice until its commit (once more than the value): read them now.
     */
    private static void readHeaders(ConsumerRecord<String, byte[]> record) {
        for (Header header : record.headers()) {
            header.key();
            header.value();
        }
    }

    /** Stores the batch; if PostgreSQL refuses some rows as data, stores the rest one by one. */
    private Stored store(List<Decoded> decoded) {
        try {
            return new Stored(store.append(decoded.stream().map(Decoded::event).toList()), List.of());
        } catch (RuntimeException e) {
            if (!isDataError(e)) {
                throw e;
            }
        }
        int inserted = 0;
        List<Rejected> refused = new ArrayList<>();
        for (Decoded d : decoded) {
            try {
                inserted += store.append(List.of(d.event()));
            } catch (RuntimeException e) {
                if (!isDataError(e)) {
                    throw e;
                }
                refused.add(new Rejected(d.record(), STORE_REJECTED,
                        "PostgreSQL refused the row (SQLSTATE " + sqlState(e) + ")"));
            }
        }
        return new Stored(inserted, refused);
    }

    /** A claimed source, cut short: it is the writer's text, and goes into a header and a log. */
    private static String printable(String source) {
        String shown = source.length() > 64 ? source.substring(0, 64) + "…" : source;
        return "\"" + shown.replaceAll("\\p{Cntrl}", "?") + "\"";
    }

    /** SQL states 22 (data exception) and 23 (integrity) will fail the same way on every retry. */
    private static boolean isDataError(Throwable e) {
        String state = sqlState(e);
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PgException pg) {
                return pg.getSqlState();
            }
        }
        return null;
    }

    @FunctionalInterface
    private interface Attempt<T> {
        T run() throws Exception;
    }

    /**
     * Retries until it works or the loop stops. Partitions stay paused meanwhile, and polling goes
     * on so that the group does not evict this consumer.
     */
    private <T> T withRetry(Attempt<T> attempt) throws InterruptedException {
        long backoffMillis = 100;
        while (true) {
            try {
                T result = attempt.run();
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

    /**
     * Commits without waiting: the batch's rows are durable already, and the next poll need not wait for
     * the broker (a synchronous commit was ~9 ms of a batch, bench/audit-ingest). A commit that fails or
     * is lost replays the batch, which the store recognises; partitions given up, and the end of the
     * loop, commit what is stored and wait (commitStored).
     */
    private void commit(ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<String, byte[]>> list = records.records(partition);
            offsets.put(partition, new OffsetAndMetadata(list.get(list.size() - 1).offset() + 1));
        }
        storedUpTo.putAll(offsets);
        consumer.commitAsync(offsets, (committed, e) -> {
            if (e != null) {
                LOG.debugf("offsets not committed (%s); the partitions' next reader replays the batch", e.toString());
            }
        });
    }

    /** Commits the stored offsets of the given partitions and waits: they go to another member, or the loop ends. */
    private void commitStored(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata offset = storedUpTo.remove(partition);
            if (offset != null) {
                offsets.put(partition, offset);
            }
        }
        if (offsets.isEmpty()) {
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                consumer.commitSync(offsets);
                return;
            } catch (WakeupException e) {
                // stop()'s wakeup, not yet taken by a poll: it is one-shot, so the second attempt runs.
                if (attempt == 2) {
                    throw e;
                }
            } catch (KafkaException e) {
                // The partitions moved on already (or the broker is gone): the next owner replays the batch; the store dedupes.
                LOG.infof("offsets not committed (%s); the partitions' next reader replays the batch", e.toString());
                return;
            }
        }
    }

    private final class PauseNewPartitionsWhileRetrying implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // What is stored is committed before the next owner starts from the committed offsets.
            commitStored(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            // Another member's already: not ours to commit; it replays what we did not.
            partitions.forEach(storedUpTo::remove);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (retrying) {
                consumer.pause(Set.copyOf(partitions));
            }
        }
    }
}
