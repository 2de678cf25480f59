package com.agentwallex.common.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

/**
 * Each client through Micrometer's {@link KafkaClientMetrics}, which reads the client's own
 * {@code metrics()}: unlike the JMX-based binder it replaced, it registers each meter once and,
 * closed with the client, removes all of them.
 */
final class MicrometerClientMeters implements ClientMeters {

    /**
     * How often a client's metrics are read again for ones Kafka added since (a partition's lag
     * appears at its first fetch). Micrometer's default is a minute; a few seconds let a new
     * partition's lag reach the next scrape, and a re-read is a walk over a few hundred entries.
     */
    static final Duration REFRESH = Duration.ofSeconds(5);

    private final MeterRegistry registry;

    MicrometerClientMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Binding bind(String clientId, Consumer<?, ?> consumer) {
        return bind(clientId, refresh -> new KafkaClientMetrics(consumer, List.of(), refresh, REFRESH));
    }

    @Override
    public Binding bind(String clientId, Producer<?, ?> producer) {
        return bind(clientId, refresh -> new KafkaClientMetrics(producer, List.of(), refresh, REFRESH));
    }

    private Binding bind(String clientId, Function<ScheduledExecutorService, KafkaClientMetrics> binder) {
        // A scheduler of the binding's own: KafkaClientMetrics does not cancel its refresh on an
        // external scheduler when closed, so a shared one would go on re-adding a closed client's
        // meters. The thread is virtual: idle between refreshes, it costs no platform thread.
        ScheduledExecutorService refresh = Executors.newSingleThreadScheduledExecutor(
                Thread.ofVirtual().name("kafka-meters-" + clientId).factory());
        KafkaClientMetrics metrics = binder.apply(refresh);
        metrics.bindTo(registry);
        return () -> {
            refresh.shutdownNow();
            try {
                // a refresh under way could otherwise add meters back after close removed them
                refresh.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                metrics.close();
            }
        };
    }
}
