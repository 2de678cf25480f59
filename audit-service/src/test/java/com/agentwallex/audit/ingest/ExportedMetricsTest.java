package com.agentwallex.audit.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.agentwallex.audit.support.AuditApi;
import com.agentwallex.audit.support.TestEvents;
import com.agentwallex.audit.support.TestKafka;
import com.agentwallex.contract.events.AuthEvent;
import com.agentwallex.contract.events.AuthTopics;
import com.agentwallex.common.testing.TestJwtKeys;
import com.agentwallex.common.testing.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the deploy's alerts and dashboard read (deploy/exported-metrics) is on /q/metrics. */
@QuarkusTest
@WithTestResource(value = TestJwtKeys.class, scope = TestResourceScope.GLOBAL)
class ExportedMetricsTest {

    @Test
    void everyNameTheAlertsReadIsScrapedOnceAnEventIsStoredAndAPoisonRecordDeadLettered() throws IOException {
        String org = TestEvents.newOrg();
        AuthEvent good = TestEvents.event(org);
        TestKafka.publishRaw(AuthTopics.AUTH_EVENTS, org, "{not json".getBytes(StandardCharsets.UTF_8));
        TestKafka.publish(List.of(good));
        await().atMost(Duration.ofSeconds(20)).until(() ->
                AuditApi.allIds(Tokens.forOrg(org), Map.of()).equals(List.of(good.id().toString())));

        List<String> expected = exported("audit-service");
        assertThat(expected).isNotEmpty();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String scrape = given().get("/q/metrics").then().statusCode(200).extract().asString();
            Files.writeString(Path.of("target", "metrics-scrape.txt"), scrape);
            assertThat(expected).allSatisfy(name -> assertThat(scrape).as(name).containsPattern("(?m)^" + name + "[{ ]"));
            assertThat(scrape).containsPattern("(?m)^kafka_consumer_records_lag_max_records\\{[^}]*client_id=\"audit-service-ingest");
        });
    }

    /** The names deploy/exported-metrics lists for one service. */
    static List<String> exported(String service) throws IOException {
        return Files.readAllLines(Path.of("..", "deploy", "exported-metrics")).stream()
                .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .map(l -> l.split("\\s+")).filter(f -> f[0].equals(service)).map(f -> f[1]).toList();
    }
}
