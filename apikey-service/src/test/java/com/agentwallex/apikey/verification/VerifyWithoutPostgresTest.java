package com.agentwallex.apikey.verification;

import static com.agentwallex.apikey.support.KeysApi.createdSandboxKey;
import static com.agentwallex.apikey.support.KeysApi.freshIp;
import static com.agentwallex.apikey.support.KeysApi.newOrg;
import static com.agentwallex.apikey.support.KeysApi.verify;
import static org.hamcrest.Matchers.equalTo;

import com.agentwallex.contract.apikey.ApiKeyFormat;
import com.agentwallex.common.testing.PostgresAdmin;
import com.agentwallex.common.testing.TestJwtKeys;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * With its database unreachable, verify still answers every key it has cached, and answers a
 * cache miss with 503 and Retry-After: never NOT_FOUND, which would make a client drop a good key.
 */
@QuarkusTest
@WithTestResource(value = TestJwtKeys.class, scope = TestResourceScope.GLOBAL)
class VerifyWithoutPostgresTest {

    private final String jdbcUrl;

    VerifyWithoutPostgresTest(@ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    @Test
    void aCacheMissWhilePostgresIsAwayIsA503WithRetryAfterAndCachedKeysStillAnswer() throws Exception {
        String cached = createdSandboxKey(newOrg(), "agents:read").path("key");
        verify(cached, freshIp()).then().statusCode(200).body("code", equalTo("VALID"));
        String neverSeen = ApiKeyFormat.generate(ApiKeyFormat.Environment.SANDBOX);

        String database = URI.create(jdbcUrl.substring("jdbc:".length())).getPath().substring(1);
        String admin = jdbcUrl.substring(0, jdbcUrl.lastIndexOf('/') + 1) + "postgres";
        try (Connection db = PostgresAdmin.connect(admin); Statement sql = db.createStatement()) {
            try {
                sql.execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS false");
                sql.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");

                verify(neverSeen, freshIp()).then().statusCode(503).contentType("application/problem+json")
                        .header("Retry-After", equalTo("1")).body("status", equalTo(503));
                verify(cached, freshIp()).then().statusCode(200).body("code", equalTo("VALID"));
            } finally {
                sql.execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
            }
        }
        // connections cut during the outage are discarded by the pool as they fail; then the miss is answered
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> "NOT_FOUND".equals(verify(neverSeen, freshIp()).path("code")));
    }
}
