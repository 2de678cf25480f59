package com.agentwallex.auth.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.agentwallex.auth.support.Auth;
import com.agentwallex.auth.support.Database;
import com.agentwallex.common.testing.ExportedMetrics;
import com.agentwallex.common.testing.ServiceLog;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What the deploy's alerts and dashboard read (deploy/exported-metrics) is on /q/metrics. */
@QuarkusTest
class ExportedMetricsTest {

    @Test
    void everyNameTheAlertsReadIsScrapedOnceSignInExchangeRefreshReuseAndLogoutHaveRun() {
        Response tokens = Auth.signedIn();
        Response refreshed = Auth.refresh(tokens);
        refreshed.then().statusCode(200);
        Auth.refresh("awx_rt_unknown").then().statusCode(400);
        Auth.logout(refreshed).then().statusCode(204);
        String reused = Auth.signedIn().jsonPath().getString("refresh_token");
        Auth.refresh(reused).then().statusCode(200);
        Database.spentLongAgo(reused);
        Auth.refresh(reused).then().statusCode(400);

        // the counters count on commit, the Kafka binder finds the follower once it has connected
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(ExportedMetrics.scrapeShowingEveryNameOf("auth-service"))
                    .contains("awx_auth_events_total{outcome=\"success\",type=\"auth.login.succeeded\"}")
                    .contains("awx_auth_events_total{outcome=\"success\",type=\"auth.token.exchanged\"}")
                    .contains("awx_auth_events_total{outcome=\"success\",type=\"auth.token.refreshed\"}")
                    .contains("awx_auth_events_total{outcome=\"success\",type=\"auth.session.logged_out\"}")
                    .contains("awx_auth_events_total{outcome=\"failure\",type=\"auth.token.reuse_detected\"}")
                    .contains("awx_auth_refusals_total{reason=\"unknown_token\",type=\"auth.token.refresh_failed\"}")
                    .contains("awx_auth_refusals_total{reason=\"refresh_token_reused\",type=\"auth.token.reuse_detected\"}");
        });
    }

    @Test
    void noMeterIsRegisteredTwiceFromStartUntilEveryKafkaConsumerHasRead() throws IOException {
        ServiceLog.assertNoMeterRegisteredTwiceOnceConsumersRead(Path.of("target", "auth-service-test.log"), "awx-request-auth-revocations");
    }
}
