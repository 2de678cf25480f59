package com.agentwallex.system.hygiene;

import static org.assertj.core.api.Assertions.assertThat;

import com.agentwallex.contract.events.AuthTopics;
import com.agentwallex.common.testing.TopicReader;
import com.agentwallex.system.support.Issued;
import com.agentwallex.system.support.Stack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * After every system test: no secret of this run — each one the stack was given or handed out,
 * read from the run's ledger — occurs literally in any log of the stack or of Kafka, in any Kafka
 * record (keys, values, headers, every topic read to its end) or in any error body the tests
 * received. The shapes of our secrets are scanned for besides, to catch one the ledger missed.
 */
class SecretsNeverLeakIT {

    private static final Path WORK = Path.of("target", "system");
    private static final Path AWX_LOGS = Path.of("..", ".awx", "logs");
    private static final Pattern SHAPES = Pattern.compile(
            "awx_(?:sandbox|production)_[0-9A-Za-z]{33}"                      // API keys
            + "|awx_(?:rt|ec)_[A-Za-z0-9_-]{20,}"                             // refresh tokens, exchange codes
            + "|eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{16,}"); // JWTs

    private static final Map<Issued.Kind, List<String>> ledger = new EnumMap<>(Issued.Kind.class);
    private static LiteralScan scan;

    @BeforeAll
    static void readTheLedger() throws IOException {
        for (String line : Files.readAllLines(WORK.resolve("issued-secrets.txt"))) {
            int space = line.indexOf(' ');
            ledger.computeIfAbsent(Issued.Kind.valueOf(line.substring(0, space)), k -> new ArrayList<>())
                    .add(line.substring(space + 1));
        }
        scan = new LiteralScan(ledger.values().stream().flatMap(List::stream).toList());
    }

    @Test
    void theRunHandledEveryKindOfSecretSoTheScanHadEachKindToLookFor() {
        assertThat(ledger).containsOnlyKeys(Issued.Kind.values());
        // the service credential, refresh, OIDC client and state, hash and cursor secrets, and the signing key
        assertThat(ledger.get(Issued.Kind.CONFIGURED)).hasSizeGreaterThanOrEqualTo(7);
        assertThat(ledger.get(Issued.Kind.API_KEY)).hasSizeGreaterThan(100);
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
        for (String topic : List.of(AuthTopics.AUTH_EVENTS, AuthTopics.AUTH_EVENTS_DLQ, AuthTopics.SESSION_REVOCATIONS,
                AuthTopics.API_KEY_REVOCATIONS)) {
            for (ConsumerRecord<String, byte[]> record : TopicReader.readAll(topic, r -> true)) {
                assertThat(leaks(text(record))).as(topic + " offset " + record.offset()).isEmpty();
                scanned++;
            }
        }
        assertThat(scanned).isPositive();
    }

    private static String text(ConsumerRecord<String, byte[]> record) {
        StringBuilder all = new StringBuilder();
        if (record.key() != null) {
            all.append(record.key()).append('\n');
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
        scan.find(text).forEach(secret -> found.add(secret.substring(0, 8) + "…"));
        Matcher m = SHAPES.matcher(text);
        while (m.find()) {
            found.add(m.group().substring(0, 12) + "…");
        }
        return found;
    }
}
