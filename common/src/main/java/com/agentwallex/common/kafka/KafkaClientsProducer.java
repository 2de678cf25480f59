package com.agentwallex.common.kafka;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** One {@link KafkaClients} per application, from its {@code kafka.*} configuration. */
@Singleton
class KafkaClientsProducer {

    @Produces
    @Singleton
    KafkaClients kafkaClients() {
        return KafkaClients.fromConfig();
    }
}
