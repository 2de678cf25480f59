package com.agentwallex.audit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import com.agentwallex.common.testing.TestJwtKeys;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = TestJwtKeys.class, scope = TestResourceScope.GLOBAL)
class ObservabilityTest {

    @Test
    void readinessCoversPostgresAndTheBrokerHasAGroupOfItsOwn() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body(containsString("Reactive PostgreSQL")).body(not(containsString("\"Kafka\"")));
        given().get("/q/health/group/kafka").then().statusCode(200).body("checks.name", hasItems("Kafka"));
        given().get("/q/health/live").then().statusCode(200).body(containsString("audit-ingest"));
    }

    @Test
    void readinessReportsTheRevocationAndPlanFollowers() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItems("session-revocations", "organization-plans"));
    }

    @Test
    void ingestionMetricsArePublishedForPrometheus() {
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("awx_audit_events_stored_total"))
                .body(containsString("awx_audit_batch_latency_seconds"))
                .body(containsString("kafka_consumer_fetch_manager_records_lag_max"));
    }

    @Test
    void theApiIsDescribedByOpenApi() {
        given().get("/q/openapi?format=json").then().statusCode(200).body(containsString("/api/v1/audit-logs"));
    }

    @Test
    void aCallersRequestIdIsEchoedAndAnInvalidOneReplaced() {
        given().header("X-Request-Id", "abc-123").get("/api/v1/audit-logs").then()
                .statusCode(401).header("X-Request-Id", "abc-123").body("request_id", equalTo("abc-123"));
        given().header("X-Request-Id", "bad id with spaces").get("/api/v1/audit-logs").then()
                .header("X-Request-Id", org.hamcrest.Matchers.matchesPattern("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
    }
}
