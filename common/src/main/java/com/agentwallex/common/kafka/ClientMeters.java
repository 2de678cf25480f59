package com.agentwallex.common.kafka;

import org.apache.kafka.clients.consumer.Consumer;

/**
 * Puts a Kafka client's own metrics in the service's metrics for as long as the client is open.
 * An interface of ours, so that {@link KafkaClients} names no Micrometer type: code without
 * Micrometer on its class path (bench, tests) builds clients with {@link #NONE}.
 */
interface ClientMeters {

    ClientMeters NONE = (clientId, consumer) -> () -> { };

    /** Binds the consumer's metrics; closing the result removes every meter it added. */
    Binding bind(String clientId, Consumer<?, ?> consumer);

    interface Binding extends AutoCloseable {
        @Override
        void close();
    }
}
