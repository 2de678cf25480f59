package com.agentwallex.outbox;

import com.agentwallex.common.events.AuthEventPublisher;
import com.agentwallex.contract.events.AuthTopics;
import com.agentwallex.common.jdbc.Sql;
import com.agentwallex.common.kafka.KafkaClients;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.context.ManagedExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Delivers outbox rows in id order and deletes them only once Kafka has acknowledged them.
 * While Kafka is down rows accumulate and nothing else notices; when it is back they drain.
 * A crash between the ack and the delete republishes a few rows: consumers dedupe on event id.
 * One replica relays at a time ({@link #RELAY_LOCK}): two relaying batches side by side would send
 * one organization's rows out of order (the audit chain stores arrival order, and a compacted topic
 * keeps whichever record of a key arrived last).
 */
@ApplicationScoped
class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int BATCH = 500;
    private static final String SELECT_BATCH =
            "SELECT id, topic, record_key, payload FROM outbox ORDER BY id LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED";
    private static final String DELETE_SENT = "DELETE FROM outbox WHERE id = ANY (?)";
    /** Held for a batch's transaction; a replica that cannot take it leaves the rows to the one that holds it. */
    static final String RELAY_LOCK = "SELECT pg_try_advisory_xact_lock(hashtext('agentwallex outbox relay'))";

    private final Sql sql;
    private final KafkaProducer<String, byte[]> producer;
    private final ManagedExecutor executor;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final AtomicBoolean draining = new AtomicBoolean();
    private volatile boolean failing;

    OutboxRelay(AgroalDataSource dataSource, KafkaClients kafka, ManagedExecutor executor,
                @ConfigProperty(name = "quarkus.application.name") String application) {
        this.sql = new Sql(dataSource);
        this.executor = executor;
        // Fail a relay round quickly while Kafka is away; the rows wait in PostgreSQL meanwhile.
        this.producer = kafka.reliableProducer(application + "-outbox", Map.of(
                ProducerConfig.LINGER_MS_CONFIG, 1,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 3000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 6000));
    }

    /** Delivers right after a commit, so a revocation reaches verifiers in milliseconds. */
    void onCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outbox.Appended appended) {
        requestDrain();
    }

    /** The safety net: whatever a commit-time drain missed (Kafka down, a crash) goes out now. */
    @Scheduled(every = "${awx.outbox.interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        requestDrain();
    }

    /**
     * At most one drain runs at a time, and a request during a drain makes it go round once
     * more: commits never wait for Kafka, and no worker thread ever queues behind the relay.
     */
    private void requestDrain() {
        pending.set(true);
        if (draining.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    private void drain() {
        try {
            while (pending.getAndSet(false)) {
                relayAll();
            }
        } finally {
            draining.set(false);
        }
        if (pending.get() && !failing) {
            requestDrain();
        }
    }

    private void relayAll() {
        try {
            while (QuarkusTransaction.requiringNew().call(this::relayBatch) == BATCH) {
                // keep draining a backlog
            }
            if (failing) {
                failing = false;
                LOG.info("outbox relay is delivering again");
            }
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.warnf("outbox relay cannot deliver yet, rows stay queued: %s", e.toString());
            }
        }
    }

    private record Row(long id, String topic, String key, byte[] payload) {

        /** An auth event leaves as a structured CloudEvent, with the header the Kafka binding looks for. */
        ProducerRecord<String, byte[]> record() {
            return AuthTopics.AUTH_EVENTS.equals(topic) ? AuthEventPublisher.record(topic, key, payload)
                    : new ProducerRecord<>(topic, key, payload);
        }
    }

    private int relayBatch() {
        if (!sql.one("outbox relay lock", RELAY_LOCK, Sql.NONE, rs -> rs.getBoolean(1)).orElse(false)) {
            return 0; // another replica is relaying; the scheduled round comes back for what it leaves
        }
        List<Row> rows = sql.list("outbox read", SELECT_BATCH, Sql.NONE,
                rs -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4)));
        if (rows.isEmpty()) {
            return 0;
        }
        List<Future<RecordMetadata>> sent = new ArrayList<>(rows.size());
        for (Row row : rows) {
            sent.add(producer.send(row.record()));
        }
        try {
            for (Future<RecordMetadata> f : sent) {
                f.get(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not acknowledge the outbox batch", e);
        }
        Long[] ids = rows.stream().map(Row::id).toArray(Long[]::new);
        sql.update("outbox delete", DELETE_SENT, ps -> ps.setArray(1, ps.getConnection().createArrayOf("bigint", ids)));
        return rows.size();
    }

    void onStop(@Observes ShutdownEvent event) {
        producer.close(Duration.ofSeconds(3));
    }
}
