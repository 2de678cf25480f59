package com.agentwallex.audit.ingest;

import com.agentwallex.audit.retention.PartitionMaintenanceJob;
import com.agentwallex.common.kafka.KafkaClients;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.Producer;
import org.jboss.logging.Logger;

/** Runs the ingestion loop on its own thread for the life of the process. */
@ApplicationScoped
public class AuditIngestService {

    private static final Logger LOG = Logger.getLogger(AuditIngestService.class);

    private final IngestConfig config;
    private final KafkaClients kafka;
    private final BatchAppendService store;
    private final IngestMetrics metrics;
    private final PartitionMaintenanceJob partitions;
    private Producer<String, byte[]> deadLetterProducer;
    private final List<IngestLoop> loops = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean starting;
    private boolean stopped;

    AuditIngestService(IngestConfig config, KafkaClients kafka,
                       BatchAppendService store, IngestMetrics metrics, PartitionMaintenanceJob partitions) {
        this.config = config;
        this.kafka = kafka;
        this.store = store;
        this.metrics = metrics;
        this.partitions = partitions;
    }

    /**
     * Creating the producer and the consumers took ~0.2 s of the main thread's start, and readiness
     * never waited for the ingest (the consumers join their group after that anyway): they are
     * created on a thread of their own, once the month's partitions are made, and liveness counts
     * the ingest as running meanwhile.
     */
    void onStart(@Observes StartupEvent event) {
        if (config.enabled()) {
            starting = true;
            Thread.ofPlatform().name("audit-ingest-start").daemon().start(() -> {
                try {
                    partitions.partitionsEnsured().toCompletableFuture().join();
                    start();
                } catch (RuntimeException e) {
                    // as when this ran in the start itself: a service that cannot ingest does not run
                    LOG.error("the audit ingest could not start; stopping", e);
                    Quarkus.asyncExit(1);
                }
            });
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    synchronized void start() {
        try {
            if (threads.isEmpty() && !stopped) {
                startLoops();
            }
        } finally {
            starting = false;
        }
    }

    private void startLoops() {
        for (int i = 0; i < config.consumers(); i++) {
            // in the service's metrics (the deploy's ingest alert sums their lag) until the loop closes it
            Consumer<String, byte[]> consumer = kafka.consumer("audit-service-ingest-" + i, role(config.groupId()));
            IngestLoop loop = newLoop(consumer, config.topic(), config.deadLetterTopic());
            loops.add(loop);
            // not a daemon, as when the main thread made them: stop() ends them
            threads.add(Thread.ofPlatform().name("audit-ingest-" + i).daemon(false).start(loop));
        }
    }

    synchronized void stop() {
        stopped = true;
        loops.forEach(IngestLoop::stop);
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (deadLetterProducer != null) {
            deadLetterProducer.close(Duration.ofSeconds(5));
            deadLetterProducer = null;
        }
        loops.clear();
        threads.clear();
    }

    /** A loop over the given consumer and topics, sharing this service's store and producer. */
    synchronized IngestLoop newLoop(Consumer<String, byte[]> consumer, String topic, String deadLetterTopic) {
        if (deadLetterProducer == null) {
            deadLetterProducer = kafka.reliableProducer("audit-service-dlq", Map.of());
        }
        return new IngestLoop(consumer, store, new DeadLetterPublisher(deadLetterProducer, deadLetterTopic),
                metrics, config, topic);
    }

    /** Every consumer thread still runs, or they are being started (an empty list is not ingesting). */
    public boolean isIngesting() {
        if (starting) {
            return true;
        }
        synchronized (this) {
            return !loops.isEmpty() && loops.stream().allMatch(IngestLoop::isAlive);
        }
    }

    public synchronized boolean isRetrying() {
        return loops.stream().anyMatch(IngestLoop::isRetrying);
    }

    /** The settings of an ingest consumer in {@code groupId}: commits only after the batch is stored. */
    Map<String, Object> consumerConfig(String groupId) {
        return kafka.consumerSettings("audit-service-ingest", role(groupId));
    }

    private Map<String, Object> role(String groupId) {
        return Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, groupId,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxBatch(),
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, config.maxPartitionFetchBytes(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    }
}
