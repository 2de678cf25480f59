package com.agentwallex.audit.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
class IngestMetrics {

    private final MeterRegistry registry;
    private final Counter stored;
    private final Counter duplicates;
    private final Counter storeRetries;
    private final DistributionSummary batchSize;
    private final Timer batchLatency;

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
    }

    MeterRegistry registry() {
        return registry;
    }

    void batch(int records, int inserted, int valid, long nanos) {
        batchSize.record(records);
        stored.increment(inserted);
        duplicates.increment(valid - inserted);
        batchLatency.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    void deadLettered(String reason) {
        registry.counter("awx.audit.events.dead_lettered", "reason", reason).increment();
    }

    void storeRetry() {
        storeRetries.increment();
    }
}
