package com.agentwallex.common.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the deploy's alerts and dashboard read (deploy/exported-metrics), against a service's /q/metrics. */
public final class ExportedMetrics {

    private ExportedMetrics() {
    }

    /**
     * The service's /q/metrics, after asserting that every name deploy/exported-metrics lists for
     * {@code service} is on it. The scrape is also left in target/metrics-scrape.txt, to read when
     * a name is missing.
     */
    public static String scrapeShowingEveryNameOf(String service) throws IOException {
        List<String> expected = exported(service);
        assertThat(expected).as("names deploy/exported-metrics lists for %s", service).isNotEmpty();
        String scrape = scrape();
        assertThat(expected).allSatisfy(name -> assertThat(scrape).as(name).containsPattern("(?m)^" + name + "[{ ]"));
        return scrape;
    }

    /** The service's /q/metrics, also left in target/metrics-scrape.txt. */
    public static String scrape() throws IOException {
        String scrape = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Files.writeString(Path.of("target", "metrics-scrape.txt"), scrape);
        return scrape;
    }

    /** The names deploy/exported-metrics lists for one service. */
    static List<String> exported(String service) throws IOException {
        return Files.readAllLines(Path.of("..", "deploy", "exported-metrics")).stream()
                .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .map(l -> l.split("\\s+")).filter(f -> f[0].equals(service)).map(f -> f[1]).toList();
    }
}
