package com.agentwallex.apikey.latency;

import static com.agentwallex.apikey.support.KeysApi.code;
import static com.agentwallex.apikey.support.KeysApi.createdSandboxKey;
import static com.agentwallex.apikey.support.KeysApi.freshIp;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.agentwallex.apikey.support.KeysApi;
import com.agentwallex.common.testing.TestJwtKeys;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What the deploy's alerts and dashboard read (deploy/exported-metrics) is on /q/metrics. */
@QuarkusTest
@WithTestResource(value = TestJwtKeys.class, scope = TestResourceScope.GLOBAL)
class ExportedMetricsTest {

    private static final Pattern VERIFY_COUNT = Pattern.compile("(?m)^awx_apikey_verify_latency_seconds_count(?:\\{[^}]*})? (\\S+)(?: #.*)?$");

    @Test
    void everyNameTheAlertsReadIsScrapedAndEveryVerifyIsTimed() throws IOException {
        String key = createdSandboxKey(KeysApi.newOrg(), "agents:read").path("key");
        double before = verifyCount(scrape());
        assertThat(code(key, freshIp())).isEqualTo("VALID");
        assertThat(code(key, freshIp())).isEqualTo("VALID");

        List<String> expected = exported("apikey-service");
        assertThat(expected).isNotEmpty();
        // the Kafka binder finds the revocation follower once it has connected
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String scrape = scrape();
            assertThat(expected).allSatisfy(name -> assertThat(scrape).as(name).containsPattern("(?m)^" + name + "[{ ]"));
            assertThat(verifyCount(scrape)).isEqualTo(before + 2);
        });
    }

    private static String scrape() throws IOException {
        String scrape = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Files.writeString(Path.of("target", "metrics-scrape.txt"), scrape);
        return scrape;
    }

    private static double verifyCount(String scrape) {
        Matcher m = VERIFY_COUNT.matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    /** The names deploy/exported-metrics lists for one service. */
    static List<String> exported(String service) throws IOException {
        return Files.readAllLines(Path.of("..", "deploy", "exported-metrics")).stream()
                .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .map(l -> l.split("\\s+")).filter(f -> f[0].equals(service)).map(f -> f[1]).toList();
    }
}
