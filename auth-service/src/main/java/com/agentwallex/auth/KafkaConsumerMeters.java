package com.agentwallex.auth;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.kafka.KafkaConsumerMetrics;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Every Kafka consumer of this service in Micrometer, lag included ({@code
 * kafka_consumer_records_lag_max_records} by {@code client_id}): the revocation follower, whose
 * lag is how far behind ended sessions and revoked keys this replica is. The follower's consumer
 * is built in common, out of reach of a binder that needs the client object (KafkaClientMetrics);
 * Micrometer's JMX-based binder finds every consumer, also after a reconnect, through the MBeans
 * Kafka registers by default.
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
