package com.agentwallex.apikey.verification;

import com.agentwallex.common.events.AuthTopics;
import com.agentwallex.common.revocation.ApiKeyRevocation;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Every replica reads every key revocation (no consumer group: each needs all of them) from the
 * end of the topic as it stands at start-up: its caches start empty, so nothing older matters.
 * While Kafka is away the cache's short lifetime bounds how long a revoked key can still pass.
 */
@Singleton
class RevocationListener {

    private static final Logger LOG = Logger.getLogger(RevocationListener.class);

    private final KeyCache cache;
    private final Map<String, Object> config = new HashMap<>();
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running = true;
    private Thread thread;

    RevocationListener(KeyCache cache, @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.cache = cache;
        config.putAll(kafka);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "apikey-service-revocations");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    }

    void start(@Observes StartupEvent event) {
        thread = new Thread(this::run, "apikey-revocations");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(config)) {
                consumer = c;
                List<TopicPartition> partitions = partitions(c);
                c.assign(partitions);
                c.seekToEnd(partitions);
                partitions.forEach(c::position);
                LOG.debugf("listening for key revocations on %d partitions", partitions.size());
                while (running) {
                    for (ConsumerRecord<String, byte[]> record : c.poll(Duration.ofMillis(500))) {
                        apply(record);
                    }
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warnf("key revocation listener restarting: %s", e.toString());
                pause();
            }
        }
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, byte[]> c) {
        List<PartitionInfo> infos = c.partitionsFor(AuthTopics.API_KEY_REVOCATIONS, Duration.ofSeconds(10));
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + AuthTopics.API_KEY_REVOCATIONS + " not found");
        }
        return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        try {
            cache.invalidate(ApiKeyRevocation.decode(record.value()));
        } catch (IllegalArgumentException e) {
            LOG.warnf("ignoring an unreadable key revocation at %s-%d@%d", record.topic(), record.partition(), record.offset());
        }
    }

    private void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }
}
