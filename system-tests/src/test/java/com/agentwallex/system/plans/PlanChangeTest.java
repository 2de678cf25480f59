package com.agentwallex.system.plans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.agentwallex.system.support.Issued;
import com.agentwallex.system.support.Stack;
import com.agentwallex.system.support.Stack.Service;
import com.agentwallex.system.support.Users;
import com.agentwallex.system.support.Users.Session;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Billing changes a plan at auth-service; apikey-service answers for the organization's keys with
 * the new plan without any key changing, through Kafka, as every service built on common sees it,
 * and audit-service keeps the organization's history as long as the new plan says.
 */
@QuarkusTest
@WithTestResource(value = Stack.class, scope = TestResourceScope.GLOBAL)
class PlanChangeTest {

    @Test
    void aKeyMadeOnTheFreePlanCarriesTheNewPlanOnceBillingUpgradesItsOrganization() {
        Session user = Users.signIn();
        String key = Users.createKey(user, "sandbox", "agents:read").path("key");

        Stack.changePlan(user.orgId(), "growth");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> Stack.entryFrom("127.0.0.41").header("X-API-Key", key)
                .get("/api/v1/agents").then().statusCode(200).body("caller.plan", equalTo("growth")));
        // The signed-in user's token still says free; the upgrade counts for their next key at once.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> user.bearer().contentType(ContentType.JSON)
                .body(Map.of("name", "office", "environment", "sandbox", "scopes", List.of("agents:read"),
                        "ip_allowlist", List.of("127.0.0.42/32")))
                .post("/api/v1/api-keys").then().statusCode(201));
    }

    @Test
    void anUpgradeMovesTheOrganizationsStoredAuditHistoryToTheGrowthRetention() {
        Session user = Users.signIn();
        String sql = "SELECT count(*) FROM audit_event WHERE org_id = ? AND retention_class = ?";
        await().atMost(Duration.ofSeconds(20)).until(() -> Stack.queryLong(Service.AUDIT, sql, user.orgId(), "free") > 0);

        Stack.changePlan(user.orgId(), "growth");

        await().atMost(Duration.ofSeconds(20)).until(() -> Stack.queryLong(Service.AUDIT, sql, user.orgId(), "free") == 0);
        assertThat(Stack.queryLong(Service.AUDIT, sql, user.orgId(), "growth")).as("the sign-in's events, kept 365 days").isPositive();
    }

    @Test
    void aDowngradeLeavesAnAllowlistedKeyShutToOtherAddressesAndSaysTheAllowlistIsFrozen() {
        Session user = Users.onGrowthPlan(Users.signIn());
        Response created = user.bearer().contentType(ContentType.JSON)
                .body(Map.of("name", "office", "environment", "sandbox", "scopes", List.of("agents:read"),
                        "ip_allowlist", List.of("127.0.0.43/32")))
                .post("/api/v1/api-keys").then().statusCode(201).extract().response();
        Issued.secret(created.path("key"));
        String id = created.path("id");

        Stack.changePlan(user.orgId(), "free");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> user.bearer().get("/api/v1/api-keys/" + id)
                .then().statusCode(200).body("ip_allowlist_frozen", equalTo(true)));
        Stack.entryFrom("127.0.0.43").header("X-API-Key", (String) created.path("key")).get("/api/v1/agents")
                .then().statusCode(200).body("caller.plan", equalTo("free"));
        Stack.entryFrom("127.0.0.44").header("X-API-Key", (String) created.path("key")).get("/api/v1/agents")
                .then().statusCode(401);
    }
}
