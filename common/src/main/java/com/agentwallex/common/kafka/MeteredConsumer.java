package com.agentwallex.common.kafka;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * A consumer whose metrics are in the service's metrics from construction until it is closed,
 * however it is closed: a reconnecting follower's old consumer leaves no meters behind.
 */
final class MeteredConsumer<K, V> extends KafkaConsumer<K, V> {

    private final ClientMeters.Binding meters;

    MeteredConsumer(Map<String, Object> settings, String clientId, ClientMeters meters) {
        super(settings);
        this.meters = meters.bind(clientId, this);
    }

    @Override
    public void close() {
        closing(super::close);
    }

    @Override
    public void close(CloseOptions option) {
        closing(() -> super.close(option));
    }

    // Overridden for callers that still use it (deprecated since Kafka 4.1), so that it removes the meters too.
    @Deprecated
    @Override
    public void close(Duration timeout) {
        closing(() -> super.close(timeout));
    }

    private void closing(Runnable close) {
        try {
            close.run();
        } finally {
            meters.close();
        }
    }
}
