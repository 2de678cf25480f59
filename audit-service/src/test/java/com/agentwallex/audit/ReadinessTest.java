package com.agentwallex.audit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import com.agentwallex.audit.support.TestEvents;
import com.agentwallex.common.testing.LocalKafka;
import com.agentwallex.common.testing.PostgresAdmin;
import com.agentwallex.common.testing.TestJwtKeys;
import com.agentwallex.common.testing.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Ready means able to answer queries: without its store audit-service answers 503 on readiness (a
 * load balancer stops sending it queries) and is ready again once it returns. Without the broker it
 * stays ready, since the log is read from the store; the broker's state is its own health group.
 */
@QuarkusTest
@WithTestResource(value = TestJwtKeys.class, scope = TestResourceScope.GLOBAL)
class ReadinessTest {

    private final String ownerJdbcUrl;
    private final String runtimeRole;

    ReadinessTest(@ConfigProperty(name = "quarkus.datasource.migration.jdbc.url") String ownerJdbcUrl,
                  @ConfigProperty(name = "quarkus.datasource.username") String runtimeRole) {
        this.ownerJdbcUrl = ownerJdbcUrl;
        this.runtimeRole = runtimeRole;
    }

    @Test
    void withoutPostgresTheServiceIsNotReady() throws Exception {
        awaitReadiness(200);
        try (Connection owner = PostgresAdmin.connect(ownerJdbcUrl);
             Statement sql = owner.createStatement()) {
            try {
                sql.execute("ALTER ROLE " + runtimeRole + " NOLOGIN");
                sql.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + runtimeRole + "'");
                awaitReadiness(503);
                given().get("/q/health/ready").then().body(containsString("DOWN"));
            } finally {
                sql.execute("ALTER ROLE " + runtimeRole + " LOGIN");
            }
        }
        awaitReadiness(200);
    }

    @Test
    void withoutKafkaTheLogStaysReadableAndOnlyTheKafkaHealthGroupIsDown() {
        awaitReadiness(200);
        await("/q/health/group/kafka", 200);
        LocalKafka.stop();
        try {
            await("/q/health/group/kafka", 503);
            given().get("/q/health/ready").then().statusCode(200);
            given().header("Authorization", "Bearer " + Tokens.forOrg(TestEvents.newOrg())).get("/api/v1/audit-logs")
                    .then().statusCode(200);
        } finally {
            LocalKafka.start();
        }
        await("/q/health/group/kafka", 200);
    }

    private static void awaitReadiness(int status) {
        await("/q/health/ready", status);
    }

    private static void await(String path, int status) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> given().get(path).statusCode() == status);
    }
}
