package com.agentwallex.auth.events;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.agentwallex.auth.support.Auth;
import com.agentwallex.auth.support.Database;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the deploy's alerts and dashboard read (deploy/exported-metrics) is on /q/metrics. */
@QuarkusTest
class ExportedMetricsTest {

    @Test
    void everyNameTheAlertsReadIsScrapedOnceSignInExchangeRefreshReuseAndLogoutHaveRun() throws IOException {
        Response tokens = Auth.signedIn();
        Response refreshed = Auth.refresh(tokens);
        refreshed.then().statusCode(200);
        Auth.refresh("awx_rt_unknown").then().statusCode(400);
        Auth.logout(refreshed).then().statusCode(204);
        String reused = Auth.signedIn().jsonPath().getString("refresh_token");
        Auth.refresh(reused).then().statusCode(200);
        Database.spentLongAgo(reused);
        Auth.refresh(reused).then().statusCode(400);

        List<String> expected = exported("auth-service");
        assertThat(expected).isNotEmpty();
        // the counters count on commit, the Kafka binder finds the follower once it has connected
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String scrape = given().get("/q/metrics").then().statusCode(200).extract().asString();
            Files.writeString(Path.of("target", "metrics-scrape.txt"), scrape);
            assertThat(expected).allSatisfy(name -> assertThat(scrape).as(name).containsPattern("(?m)^" + name + "[{ ]"));
            assertThat(scrape)
                    .contains("awx_auth_events_total{outcome=\"success\",type=\"auth.login.succeeded\"}")
                    .contains("awx_auth_events_total{outcome=\"success\",type=\"auth.token.exchanged\"}")
                    .contains("awx_auth_events_total{outcome=\"success\",type=\"auth.token.refreshed\"}")
                    .contains("awx_auth_events_total{outcome=\"success\",type=\"auth.session.logged_out\"}")
                    .contains("awx_auth_events_total{outcome=\"failure\",type=\"auth.token.reuse_detected\"}")
                    .contains("awx_auth_refusals_total{reason=\"unknown_token\",type=\"auth.token.refresh_failed\"}")
                    .contains("awx_auth_refusals_total{reason=\"refresh_token_reused\",type=\"auth.token.reuse_detected\"}");
        });
    }

    /** The names deploy/exported-metrics lists for one service. */
    static List<String> exported(String service) throws IOException {
        return Files.readAllLines(Path.of("..", "deploy", "exported-metrics")).stream()
                .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .map(l -> l.split("\\s+")).filter(f -> f[0].equals(service)).map(f -> f[1]).toList();
    }
}
