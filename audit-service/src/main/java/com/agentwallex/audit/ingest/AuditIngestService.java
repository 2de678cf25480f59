package com.agentwallex.audit.ingest;

import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Runs the ingestion loop on its own thread for the life of the process. */
@ApplicationScoped
public class AuditIngestService {

    private final IngestConfig config;
    private final Map<String, Object> kafka;
    private final AuditEventBatchRepository repository;
    private final IngestMetrics metrics;
    private Producer<String, byte[]> deadLetterProducer;
    private final List<IngestLoop> loops = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    AuditIngestService(IngestConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafka,
                       AuditEventBatchRepository repository, IngestMetrics metrics) {
        this.config = config;
        this.kafka = kafka;
        this.repository = repository;
        this.metrics = metrics;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.enabled()) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    synchronized void start() {
        if (!threads.isEmpty()) {
            return;
        }
        deadLetterProducer = new KafkaProducer<>(producerConfig());
        for (int i = 0; i < config.consumers(); i++) {
            Map<String, Object> consumerConfig = consumerConfig(config.groupId());
            consumerConfig.put(ConsumerConfig.CLIENT_ID_CONFIG, "audit-service-ingest-" + i);
            Consumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig);
            new KafkaClientMetrics(consumer).bindTo(metrics.registry());
            IngestLoop loop = newLoop(consumer, config.topic(), config.deadLetterTopic());
            loops.add(loop);
            Thread thread = new Thread(loop, "audit-ingest-" + i);
            thread.start();
            threads.add(thread);
        }
    }

    synchronized void stop() {
        if (threads.isEmpty()) {
            return;
        }
        loops.forEach(IngestLoop::stop);
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        deadLetterProducer.close(Duration.ofSeconds(5));
        loops.clear();
        threads.clear();
    }

    /** A loop over the given consumer and topics, sharing this service's store and producer. */
    IngestLoop newLoop(Consumer<String, byte[]> consumer, String topic, String deadLetterTopic) {
        return new IngestLoop(consumer, repository, new DeadLetterPublisher(deadLetterProducer, deadLetterTopic),
                metrics, config, topic);
    }

    /** Every consumer thread still runs (an empty list is not ingesting). */
    public synchronized boolean isIngesting() {
        return !loops.isEmpty() && loops.stream().allMatch(IngestLoop::isAlive);
    }

    public synchronized boolean isRetrying() {
        return loops.stream().anyMatch(IngestLoop::isRetrying);
    }

    Map<String, Object> consumerConfig(String groupId) {
        Map<String, Object> c = new HashMap<>(kafka);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, "audit-service-ingest");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxBatch());
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return c;
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> p = new HashMap<>(kafka);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "audit-service-dlq");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }
}
