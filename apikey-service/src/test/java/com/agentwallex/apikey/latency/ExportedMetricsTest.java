package com.agentwallex.apikey.latency;

import static com.agentwallex.apikey.support.KeysApi.code;
import static com.agentwallex.apikey.support.KeysApi.createdSandboxKey;
import static com.agentwallex.apikey.support.KeysApi.freshIp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.agentwallex.apikey.support.KeysApi;
import com.agentwallex.common.testing.ExportedMetrics;
import com.agentwallex.common.testing.ServiceLog;
import com.agentwallex.common.testing.TestJwtKeys;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
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
        double before = verifyCount(ExportedMetrics.scrape());
        assertThat(code(key, freshIp())).isEqualTo("VALID");
        assertThat(code(key, freshIp())).isEqualTo("VALID");

        // the Kafka binder finds the revocation follower once it has connected
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(verifyCount(ExportedMetrics.scrapeShowingEveryNameOf("apikey-service"))).isEqualTo(before + 2);
        });
    }

    private static double verifyCount(String scrape) {
        Matcher m = VERIFY_COUNT.matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Test
    void noMeterIsRegisteredTwiceFromStartUntilEveryKafkaConsumerHasRead() throws IOException {
        ServiceLog.assertNoMeterRegisteredTwiceOnceConsumersRead(Path.of("target", "apikey-service-test.log"), "awx-request-auth-revocations");
    }
}
