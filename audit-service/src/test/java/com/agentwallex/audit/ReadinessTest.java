package com.agentwallex.audit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import com.agentwallex.common.testing.LocalKafka;
import com.agentwallex.common.testing.PostgresAdmin;
import com.agentwallex.common.testing.TestJwtKeys;
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
 * Ready means able to do the job: without its store or without the broker audit-service answers
 * 503 on readiness (a load balancer stops sending it queries) and is ready again once they return.
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
    void withoutKafkaTheServiceIsNotReady() {
        awaitReadiness(200);
        LocalKafka.stop();
        try {
            awaitReadiness(503);
        } finally {
            LocalKafka.start();
        }
        awaitReadiness(200);
    }

    private static void awaitReadiness(int status) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> given().get("/q/health/ready").statusCode() == status);
    }
}
