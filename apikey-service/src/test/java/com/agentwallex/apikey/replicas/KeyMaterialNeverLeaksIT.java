package com.agentwallex.apikey.replicas;

import static org.assertj.core.api.Assertions.assertThat;

import com.agentwallex.contract.apikey.ApiKeyFormat;
import com.agentwallex.contract.events.AuthTopics;
import com.agentwallex.common.testing.TopicReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs after the whole test suite (failsafe follows surefire): whatever the tests did — create,
 * rotate, verify, fail, paste keys into wrong fields — no key may be in the service's log or on
 * any topic the service writes.
 */
class KeyMaterialNeverLeaksIT {

    private static final Pattern KEY = Pattern.compile(ApiKeyFormat.SCANNER_REGEX);

    @Test
    void theTestSuitesLogsHoldNoKey() throws IOException {
        Path suiteLog = Path.of("target", "apikey-service-test.log");
        assertThat(suiteLog).as("the log the test suite wrote").exists();
        assertThat(Files.size(suiteLog)).isPositive();
        try (Stream<Path> logs = Files.list(Path.of("target"))) {
            for (Path log : logs.filter(p -> p.getFileName().toString().contains(".log")).toList()) {
                assertThat(KEY.matcher(Files.readString(log)).results().toList()).as(log.toString()).isEmpty();
            }
        }
    }

    @Test
    void noEventOrRevocationEverCarriedAKey() {
        for (String topic : List.of(AuthTopics.AUTH_EVENTS, AuthTopics.API_KEY_REVOCATIONS)) {
            var records = TopicReader.readAll(topic, r -> true);
            assertThat(records).as(topic + " has records from the suite").isNotEmpty();
            assertThat(records).allSatisfy(r -> {
                assertThat(r.key() == null || !KEY.matcher(r.key()).find()).isTrue();
                assertThat(KEY.matcher(new String(r.value(), StandardCharsets.UTF_8)).find()).isFalse();
                r.headers().forEach(h -> assertThat(KEY.matcher(new String(h.value(), StandardCharsets.UTF_8)).find()).isFalse());
            });
        }
    }
}
