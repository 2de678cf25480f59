package com.agentwallex.common.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The one way our code builds a Kafka client. Every client starts from the service's whole
 * {@code kafka.*} configuration (bootstrap servers, security protocol, SASL, TLS), so credentials
 * and encryption reach the outbox relay, the ingest consumers, the revocation followers and the
 * access-denied auditor alike; each adds only what its role needs (client id, acks, group).
 * Records are keyed by strings and carry bytes everywhere in AgentWallex.
 */
public final class KafkaClients {

    /** Properties under this prefix are client settings, as Quarkus's own Kafka extension reads them. */
    public static final String PREFIX = "kafka.";

    private final Map<String, Object> settings;
    private final ClientMeters meters;

    /** Clients whose metrics are nowhere but the client itself (tools and tests). */
    public KafkaClients(Map<String, ?> settings) {
        this(settings, ClientMeters.NONE);
    }

    KafkaClients(Map<String, ?> settings, ClientMeters meters) {
        this.settings = Map.copyOf(settings);
        this.meters = meters;
    }

    /** The same clients, each consumer and producer with its metrics in {@code meters} while it is open. */
    KafkaClients meteredIn(ClientMeters meters) {
        return new KafkaClients(settings, meters);
    }

    /** Every {@code kafka.*} property of the application's configuration, without the prefix. */
    public static KafkaClients fromConfig() {
        return fromConfig(ConfigProvider.getConfig());
    }

    public static KafkaClients fromConfig(Config config) {
        Map<String, Object> settings = new HashMap<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(PREFIX)) {
                config.getOptionalValue(name, String.class).ifPresent(v -> settings.put(name.substring(PREFIX.length()), v));
            }
        }
        settings.putIfAbsent(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092");
        return new KafkaClients(settings);
    }

    /** The shared settings plus a client id and the role's own settings; the role's win. */
    public Map<String, Object> settings(String clientId, Map<String, ?> role) {
        Map<String, Object> merged = new HashMap<>(settings);
        merged.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        merged.putAll(role);
        return merged;
    }

    /**
     * A producer that loses nothing and never reorders a key's records (acks from every in-sync
     * replica, idempotence): how every event and revocation leaves our services. In the service's
     * metrics while open, by {@code client_id}: {@code kafka_producer_record_error_total} counts the
     * records Kafka did not take.
     */
    public KafkaProducer<String, byte[]> reliableProducer(String clientId, Map<String, ?> role) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.putAll(role);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new MeteredProducer<>(settings(clientId, config), clientId, meters);
    }

    /**
     * A consumer in the service's metrics (lag included) from here until it is closed: {@code
     * kafka_consumer_fetch_manager_records_lag_max} and, per partition, {@code
     * kafka_consumer_fetch_manager_records_lag}, by {@code client_id} (and {@code topic}, {@code
     * partition}).
     */
    public KafkaConsumer<String, byte[]> consumer(String clientId, Map<String, ?> role) {
        return new MeteredConsumer<>(consumerSettings(clientId, role), clientId, meters);
    }

    /** A consumer's full settings, for callers that build the consumer themselves (tests do). */
    public Map<String, Object> consumerSettings(String clientId, Map<String, ?> role) {
        Map<String, Object> config = new HashMap<>(role);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return settings(clientId, config);
    }

    public Admin admin(String clientId, Map<String, ?> role) {
        return Admin.create(settings(clientId, role));
    }

    public String bootstrapServers() {
        return String.valueOf(settings.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG));
    }
}
