package com.agentwallex.common.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * One {@link KafkaClients} per application, from its {@code kafka.*} configuration, its consumers and producers
 * in the application's Micrometer registry when it has one (quarkus-micrometer brings it).
 */
@Singleton
class KafkaClientsProducer {

    @Produces
    @Singleton
    KafkaClients kafkaClients(Instance<MeterRegistry> registry) {
        KafkaClients kafka = KafkaClients.fromConfig();
        return registry.isResolvable() ? kafka.meteredIn(new MicrometerClientMeters(registry.get())) : kafka;
    }
}
