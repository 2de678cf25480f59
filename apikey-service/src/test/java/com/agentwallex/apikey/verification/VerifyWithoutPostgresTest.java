package com.agentwallex.apikey.verification;

import static com.agentwallex.apikey.support.KeysApi.as;
import static com.agentwallex.apikey.support.KeysApi.createdSandboxKey;
import static com.agentwallex.apikey.support.KeysApi.freshIp;
import static com.agentwallex.apikey.support.KeysApi.newOrg;
import static com.agentwallex.apikey.support.KeysApi.newSandboxKey;
import static com.agentwallex.apikey.support.KeysApi.verify;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import com.agentwallex.apikey.support.KeysApi.NewKey;
import com.agentwallex.contract.apikey.ApiKeyFormat;
import com.agentwallex.common.testing.PostgresAdmin;
import com.agentwallex.common.testing.TestJwtKeys;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * With its database unreachable, verify still answers every key it has cached, and answers a
 * cache miss with 503 and Retry-After: never NOT_FOUND, which would make a client drop a good key.
 * The uses it answered meanwhile are counted once the database is back.
 */
@QuarkusTest
@WithTestResource(value = TestJwtKeys.class, scope = TestResourceScope.GLOBAL)
class VerifyWithoutPostgresTest {

    private final String jdbcUrl;
    private final MeterRegistry metrics;

    VerifyWithoutPostgresTest(@ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl, MeterRegistry metrics) {
        this.jdbcUrl = jdbcUrl;
        this.metrics = metrics;
    }

    @Test
    void usesAnsweredWhilePostgresIsAwayAreCountedOnceItIsBackNotLostWithTheFailedFlush() throws Exception {
        NewKey key = newSandboxKey("agents:read");
        String ip = freshIp();
        verify(key.key(), ip).then().statusCode(200).body("code", equalTo("VALID"));
        awaitSuccessfulUses(key, 1);
        double failedBefore = failedWrites();

        withoutPostgres(() -> {
            for (int i = 0; i < 5; i++) {
                verify(key.key(), ip).then().statusCode(200).body("code", equalTo("VALID"));
            }
            // A flush ran into the outage with these uses in hand.
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> failedWrites() > failedBefore);
        });
        awaitSuccessfulUses(key, 6);
    }

    private double failedWrites() {
        Counter failed = metrics.find("awx.apikey.usage.write.failures").counter();
        return failed == null ? 0 : failed.count();
    }

    private static void awaitSuccessfulUses(NewKey key, long expected) {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
            List<Map<String, Object>> days = as(key.org(), "free").get("/api/v1/api-keys/" + key.id() + "/usage")
                    .then().statusCode(200).extract().jsonPath().getList("days");
            return days.stream().filter(d -> today.equals(d.get("date")) && "success".equals(d.get("outcome")))
                    .mapToLong(d -> ((Number) d.get("count")).longValue()).sum() == expected;
        });
    }

    interface Outage {
        void run() throws Exception;
    }

    /** Runs {@code during} while the service's database refuses connections, and lets them in again whatever happens. */
    private void withoutPostgres(Outage during) throws Exception {
        String database = URI.create(jdbcUrl.substring("jdbc:".length())).getPath().substring(1);
        String admin = jdbcUrl.substring(0, jdbcUrl.lastIndexOf('/') + 1) + "postgres";
        try (Connection db = PostgresAdmin.connect(admin); Statement sql = db.createStatement()) {
            try {
                sql.execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS false");
                sql.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
                during.run();
            } finally {
                sql.execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
            }
        }
    }

    @Test
    void aCacheMissWhilePostgresIsAwayIsA503WithRetryAfterAndCachedKeysStillAnswer() throws Exception {
        String cached = createdSandboxKey(newOrg(), "agents:read").path("key");
        verify(cached, freshIp()).then().statusCode(200).body("code", equalTo("VALID"));
        String neverSeen = ApiKeyFormat.generate(ApiKeyFormat.Environment.SANDBOX);

        withoutPostgres(() -> {
            verify(neverSeen, freshIp()).then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", equalTo("1")).body("status", equalTo(503));
            verify(cached, freshIp()).then().statusCode(200).body("code", equalTo("VALID"));
            // A fresh re-check (auth-service's, before an agent token) cannot be answered without
            // the database, and must not take the cached answer away from everyone else's verifies.
            verify(Map.of("key", cached, "client_ip", freshIp(), "fresh", true)).then().statusCode(503);
            verify(cached, freshIp()).then().statusCode(200).body("code", equalTo("VALID"));
            // So the replica stays ready: were it taken out of its Service, no caller would reach these answers.
            given().get("/q/health/ready").then().statusCode(200);
        });
        // connections cut during the outage are discarded by the pool as they fail; then the miss is answered
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> "NOT_FOUND".equals(verify(neverSeen, freshIp()).path("code")));
    }
}
