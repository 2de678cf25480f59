package com.agentwallex.audit.ingest;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.kafka.KafkaConsumerMetrics;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Every Kafka consumer of this service in Micrometer by the MBeans Kafka registers, lag per
 * partition included ({@code kafka_consumer_records_lag_records} by {@code client_id}, {@code
 * topic}, {@code partition}). AuditIngestService already binds its consumers' client metrics
 * ({@code kafka_consumer_fetch_manager_*}: the largest lag of each consumer); the per-partition
 * lag sums to the backlog the deploy's ingest alert watches, and the revocation follower's
 * consumer, built in common out of reach of a binder that needs the client object
 * (KafkaClientMetrics), is found here too, also after a reconnect.
 */
@Singleton
class KafkaConsumerMeters {

    // Deprecated in favour of KafkaClientMetrics, which needs the consumer object; this one needs none.
    @SuppressWarnings("deprecation")
    @Produces
    @Singleton
    MeterBinder kafkaConsumers() {
        return new KafkaConsumerMetrics();
    }
}
