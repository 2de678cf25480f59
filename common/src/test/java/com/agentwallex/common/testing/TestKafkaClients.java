package com.agentwallex.common.testing;

import com.agentwallex.common.kafka.KafkaClients;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * Kafka clients for tests: the broker the test command started, reached the way our services
 * reach it. Tests read every topic and write raw records, which no service account may.
 */
public final class TestKafkaClients {

    private static final String BOOTSTRAP = System.getenv().getOrDefault("AWX_KAFKA_BOOTSTRAP", "127.0.0.1:9092");

    private TestKafkaClients() {
    }

    public static KafkaClients admin() {
        return new KafkaClients(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP));
    }
}
