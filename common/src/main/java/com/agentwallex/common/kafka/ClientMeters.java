package com.agentwallex.common.kafka;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

/**
 * Puts a Kafka client's own metrics in the service's metrics for as long as the client is open.
 * An interface of ours, so that {@link KafkaClients} names no Micrometer type: code without
 * Micrometer on its class path (bench, tests) builds clients with {@link #NONE}.
 */
interface ClientMeters {

    ClientMeters NONE = new ClientMeters() {
        @Override
        public Binding bind(String clientId, Consumer<?, ?> consumer) {
            return () -> { };
        }

        @Override
        public Binding bind(String clientId, Producer<?, ?> producer) {
            return () -> { };
        }
    };

    /** Binds the consumer's metrics; closing the result removes every meter it added. */
    Binding bind(String clientId, Consumer<?, ?> consumer);

    /** Binds the producer's metrics; closing the result removes every meter it added. */
    Binding bind(String clientId, Producer<?, ?> producer);

    interface Binding extends AutoCloseable {
        @Override
        void close();
    }
}
