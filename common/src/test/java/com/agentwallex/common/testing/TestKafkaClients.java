package com.agentwallex.common.testing;

import com.agentwallex.common.kafka.KafkaClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;

/**
 * Kafka clients for tests: the broker the test command started, as its administrator. Tests read
 * every topic and write raw records, which no service's own Kafka user may. The credentials come
 * from the environment {@code deploy/local/awx} exports, or from the file it keeps them in.
 */
public final class TestKafkaClients {

    private static final Map<String, String> ENV = System.getenv();

    private TestKafkaClients() {
    }

    public static KafkaClients admin() {
        return new KafkaClients(asAdmin(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                ENV.getOrDefault("AWX_KAFKA_BOOTSTRAP", "127.0.0.1:9092"))));
    }

    /** A client's settings with the administrator's identity in place of the service's own. */
    public static Map<String, Object> asAdmin(Map<String, ?> settings) {
        Map<String, Object> admin = new HashMap<>(settings);
        String protocol = ENV.getOrDefault("AWX_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT");
        admin.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, protocol);
        if (protocol.startsWith("SASL")) {
            admin.put(SaslConfigs.SASL_MECHANISM, ENV.getOrDefault("AWX_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512"));
            admin.put(SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.scram.ScramLoginModule required"
                    + " username=\"" + ENV.getOrDefault("AWX_KAFKA_ADMIN_USER", "admin") + "\" password=\"" + password() + "\";");
        }
        return admin;
    }

    private static String password() {
        String fromEnv = ENV.get("AWX_KAFKA_ADMIN_PASSWORD");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        for (Path file : List.of(Path.of("..", ".awx", "secrets", "kafka-admin"), Path.of(".awx", "secrets", "kafka-admin"))) {
            if (Files.isReadable(file)) {
                try {
                    return Files.readString(file).strip();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        throw new IllegalStateException("no Kafka admin password: run the tests with `deploy/local/awx test`");
    }
}
