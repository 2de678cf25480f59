package com.agentwallex.common.kafka;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.kafka.KafkaConsumerMetrics;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Every Kafka consumer of the service in Micrometer, lag included: {@code
 * kafka_consumer_records_lag_max_records} and, per partition, {@code
 * kafka_consumer_records_lag_records} by {@code client_id}, {@code topic}, {@code partition}. In
 * every service that is the revocation follower, whose lag is how far behind ended sessions and
 * revoked keys the replica is; in audit-service also the ingest consumers, whose per-partition lag
 * sums to the backlog the deploy's ingest alert watches. The follower's consumer is built here in
 * common, out of reach of a binder that needs the client object (KafkaClientMetrics); Micrometer's
 * JMX-based binder finds every consumer, also after a reconnect, through the MBeans Kafka
 * registers by default.
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
