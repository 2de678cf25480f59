package com.agentwallex.common.kafka;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * A producer whose metrics (sends, errors, retries, buffer) are in the service's metrics from
 * construction until it is closed. {@code close()} ends in {@code close(Duration)}, so that one
 * override covers both.
 */
final class MeteredProducer<K, V> extends KafkaProducer<K, V> {

    private final ClientMeters.Binding meters;

    MeteredProducer(Map<String, Object> settings, String clientId, ClientMeters meters) {
        super(settings);
        this.meters = meters.bind(clientId, this);
    }

    @Override
    public void close(Duration timeout) {
        try {
            super.close(timeout);
        } finally {
            meters.close();
        }
    }
}
