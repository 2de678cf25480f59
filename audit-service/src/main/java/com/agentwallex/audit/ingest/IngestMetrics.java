package com.agentwallex.audit.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The ingest's meters, registered when the ingest starts (a singleton is made when injected, not at its
 * first call): a scrape before the first batch already has every series, at zero.
 */
@Singleton
class IngestMetrics {

    private final MeterRegistry registry;
    private final Counter stored;
    private final Counter duplicates;
    private final Counter storeRetries;
    private final DistributionSummary batchSize;
    private final Timer batchLatency;
    private final Map<Phase, Timer> phases = new EnumMap<>(Phase.class);

    /** Where a batch's time goes, from the poll that returned it to its commit (bench/audit-ingest prints each phase's mean per batch). */
    enum Phase {
        POLL, DECODE, CONNECT, LOCK_HEADS, STORED, CHAIN, INSERT, MOVE_HEADS, DB_COMMIT, DEAD_LETTER, KAFKA_COMMIT
    }

    IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.stored = Counter.builder("awx.audit.events.stored").description("Events newly stored").register(registry);
        this.duplicates = Counter.builder("awx.audit.events.duplicate")
                .description("Redelivered events that were already stored").register(registry);
        this.storeRetries = Counter.builder("awx.audit.store.retries")
                .description("Batches retried because PostgreSQL could not take them").register(registry);
        this.batchSize = DistributionSummary.builder("awx.audit.batch.size").publishPercentileHistogram()
                .description("Records per consumed batch").register(registry);
        this.batchLatency = Timer.builder("awx.audit.batch.latency").publishPercentileHistogram()
                .description("From poll to committed offsets").register(registry);
        for (Phase phase : Phase.values()) {
            phases.put(phase, Timer.builder("awx.audit.batch.phase").tag("phase", phase.name().toLowerCase(Locale.ROOT))
                    .description("Time of one phase of a batch, poll to commit").register(registry));
        }
    }

    /** Records the time since {@code startNanos} against the phase; @return now, the next phase's start. */
    long phase(Phase phase, long startNanos) {
        long now = System.nanoTime();
        phases.get(phase).record(now - startNanos, TimeUnit.NANOSECONDS);
        return now;
    }

    void batch(int records, int inserted, int valid, long nanos) {
        batchSize.record(records);
        stored.increment(inserted);
        duplicates.increment(valid - inserted);
        batchLatency.record(nanos, TimeUnit.NANOSECONDS);
    }

    void deadLettered(String reason) {
        registry.counter("awx.audit.events.dead_lettered", "reason", reason).increment();
    }

    void storeRetry() {
        storeRetries.increment();
    }
}
