package com.agentwallex.system.hygiene;

import static org.assertj.core.api.Assertions.assertThat;

import com.agentwallex.common.events.AuthTopics;
import com.agentwallex.system.support.Stack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/**
 * After every system test: no API key, refresh token, exchange code or JWT in any log file of
 * the stack or of Kafka, in any Kafka record (keys, values, headers) or in any error body the
 * tests received. Each secret the stack issued has one of the shapes scanned for, so the scan
 * looks for every one of them, not only for the ones a test thought of.
 */
class SecretsNeverLeakIT {

    private static final Path WORK = Path.of("target", "system");
    private static final Path AWX_LOGS = Path.of("..", ".awx", "logs");
    private static final Pattern SECRET = Pattern.compile(
            "awx_(?:sandbox|production)_[0-9A-Za-z]{33}"                      // API keys
            + "|awx_(?:rt|ec)_[A-Za-z0-9_-]{20,}"                             // refresh tokens, exchange codes
            + "|eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{16,}"); // JWTs

    @Test
    void everySecretTheStackIssuedHasAShapeTheScanFinds() throws IOException {
        List<String> issued = Files.readAllLines(WORK.resolve("issued-secrets.txt"));
        assertThat(issued).hasSizeGreaterThan(100);
        assertThat(issued).allMatch(s -> SECRET.matcher(s).matches(), "matches a scanned shape");
    }

    @Test
    void noLogFileHoldsASecret() throws IOException {
        List<Path> logs = new ArrayList<>();
        try (Stream<Path> files = Files.list(WORK)) {
            files.filter(f -> f.toString().endsWith(".log")).forEach(logs::add);
        }
        // The OIDC provider stands in for Google and logs the ID tokens it mints: its log is not ours.
        try (Stream<Path> files = Files.list(AWX_LOGS)) {
            files.filter(f -> f.toString().endsWith(".log") && !f.getFileName().toString().startsWith("oidc"))
                    .forEach(logs::add);
        }
        assertThat(logs).extracting(f -> f.getFileName().toString())
                .contains("auth-service.log", "apikey-service.log", "audit-service.log", "example-service.log",
                        "error-bodies.log", "kafka.log");
        for (Path log : logs) {
            assertThat(leaks(Files.readString(log, StandardCharsets.UTF_8))).as(log.toString()).isEmpty();
        }
    }

    @Test
    void noKafkaRecordHoldsASecret() {
        int scanned = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Stack.KAFKA_BOOTSTRAP,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            for (String topic : List.of(AuthTopics.AUTH_EVENTS, AuthTopics.AUTH_EVENTS_DLQ, AuthTopics.SESSION_REVOCATIONS,
                    AuthTopics.API_KEY_REVOCATIONS)) {
                List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                        .map(p -> new TopicPartition(topic, p.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
                while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                        assertThat(leaks(text(record))).as(topic + " offset " + record.offset()).isEmpty();
                        scanned++;
                    }
                }
            }
        }
        assertThat(scanned).isPositive();
    }

    private static String text(ConsumerRecord<byte[], byte[]> record) {
        StringBuilder all = new StringBuilder();
        if (record.key() != null) {
            all.append(new String(record.key(), StandardCharsets.UTF_8)).append('\n');
        }
        if (record.value() != null) {
            all.append(new String(record.value(), StandardCharsets.UTF_8)).append('\n');
        }
        for (Header header : record.headers()) {
            all.append(header.key()).append('=').append(new String(header.value(), StandardCharsets.UTF_8)).append('\n');
        }
        return all.toString();
    }

    /** What leaked, cut to a prefix so the failure message does not leak it again. */
    private static List<String> leaks(String text) {
        List<String> found = new ArrayList<>();
        Matcher m = SECRET.matcher(text);
        while (m.find()) {
            found.add(m.group().substring(0, 12) + "…");
        }
        return found;
    }
}
