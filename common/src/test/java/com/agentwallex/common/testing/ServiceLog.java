package com.agentwallex.common.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A service's own log in tests (the test profile's {@code quarkus.log.file}), as its start wrote it. */
public final class ServiceLog {

    /**
     * Micrometer's words for a meter registered again (the registration ignored): at WARN the first
     * time in a JVM, at DEBUG after that, which the test profiles write for that logger.
     */
    static final String REGISTERED_TWICE = "has been already registered";

    private ServiceLog() {
    }

    /**
     * The lines since the running application started. The file holds every start of the suite
     * (and of earlier runs): the previous one's lines end with Quarkus's "stopped in".
     */
    public static List<String> sinceStart(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        int start = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(" stopped in ")) {
                start = i + 1;
            }
        }
        return lines.subList(start, lines.size());
    }

    /**
     * Once each of the Kafka consumers has fetched from its partitions (a partition's lag on
     * /q/metrics), the log of this start holds no meter registered twice.
     */
    public static void assertNoMeterRegisteredTwiceOnceConsumersRead(Path log, String... consumerClientIds) throws IOException {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String scrape = ExportedMetrics.scrape();
            for (String clientId : consumerClientIds) {
                assertThat(scrape).containsPattern("(?m)^kafka_consumer_fetch_manager_records_lag\\{[^}]*client_id=\"" + clientId + "\"");
            }
        });
        assertThat(sinceStart(log)).as("the log of this start").isNotEmpty()
                .noneMatch(line -> line.contains(REGISTERED_TWICE));
    }
}
