package com.agentwallex.audit.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.agentwallex.audit.support.AuditApi;
import com.agentwallex.audit.support.TestEvents;
import com.agentwallex.audit.support.TestKafka;
import com.agentwallex.contract.events.AuthEvent;
import com.agentwallex.contract.events.AuthTopics;
import com.agentwallex.common.testing.ExportedMetrics;
import com.agentwallex.common.testing.ServiceLog;
import com.agentwallex.common.testing.TestJwtKeys;
import com.agentwallex.common.testing.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
    void everyNameTheAlertsReadIsScrapedOnceAnEventIsStoredAndAPoisonRecordDeadLettered() {
        String org = TestEvents.newOrg();
        AuthEvent good = TestEvents.event(org);
        TestKafka.publishRaw(AuthTopics.AUTH_EVENTS, org, "{not json".getBytes(StandardCharsets.UTF_8));
        TestKafka.publish(List.of(good));
        await().atMost(Duration.ofSeconds(20)).until(() ->
                AuditApi.allIds(Tokens.forOrg(org), Map.of()).equals(List.of(good.id().toString())));
        AuditApi.as(Tokens.forOrg(org)).get("/api/v1/audit-logs/integrity").then().statusCode(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(ExportedMetrics.scrapeShowingEveryNameOf("audit-service")).containsPattern("(?m)^kafka_consumer_fetch_manager_records_lag_max\\{[^}]*client_id=\"audit-service-ingest");
        });
    }

    @Test
    void noMeterIsRegisteredTwiceFromStartUntilEveryKafkaConsumerHasRead() throws IOException {
        ServiceLog.assertNoMeterRegisteredTwiceOnceConsumersRead(Path.of("target", "audit-service-test.log"), "awx-request-auth-revocations", "audit-service-ingest-0");
    }
}
