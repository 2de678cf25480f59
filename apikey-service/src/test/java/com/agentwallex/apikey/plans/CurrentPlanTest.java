package com.agentwallex.apikey.plans;

import static com.agentwallex.apikey.support.KeysApi.as;
import static com.agentwallex.apikey.support.KeysApi.body;
import static com.agentwallex.apikey.support.KeysApi.code;
import static com.agentwallex.apikey.support.KeysApi.create;
import static com.agentwallex.apikey.support.KeysApi.created;
import static com.agentwallex.apikey.support.KeysApi.freshIp;
import static com.agentwallex.apikey.support.KeysApi.newOrg;
import static com.agentwallex.apikey.support.KeysApi.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.agentwallex.contract.events.AuthTopics;
import com.agentwallex.contract.plan.OrganizationPlan;
import com.agentwallex.contract.plan.Plan;
import com.agentwallex.common.testing.TestKafkaClients;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * A key is judged with its organization's plan as it is now, as auth-service publishes it on the
 * plans topic, not the plan stored when the key last changed (issue 20).
 */
@QuarkusTest
class CurrentPlanTest {

    /** Each organization's plan changes are counted, as auth-service counts them. */
    private static final AtomicLong PLAN_VERSIONS = new AtomicLong();

    @Test
    void verifyAnswersWithTheOrganizationsPlanOfNowEvenForAKeyItHasCached() {
        String org = newOrg();
        String key = created(org, "free", body("sandbox", "agents:read")).path("key");
        String ip = freshIp();
        for (int i = 0; i < 3; i++) {
            verify(key, ip).then().statusCode(200).body("plan", equalTo("free"));
        }

        publish(org, Plan.GROWTH);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                verify(key, ip).then().statusCode(200).body("valid", equalTo(true)).body("plan", equalTo("growth")));
    }

    @Test
    void aDowngradeKeepsAnExistingAllowlistInForceAndFrozenSoNoKeyIsOpenedUp() {
        String org = newOrg();
        String allowed = freshIp();
        Map<String, Object> body = body("production", "payments:write");
        body.put("ip_allowlist", List.of(allowed));
        Response key = created(org, "growth", body);
        String id = key.path("id");
        String secret = key.path("key");

        publish(org, Plan.FREE);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                verify(secret, allowed).then().body("plan", equalTo("free")).body("valid", equalTo(true)));
        assertThat(code(secret, freshIp())).isEqualTo("IP_NOT_ALLOWED");
        // The token still says growth: what counts is the plan now.
        as(org, "growth").get("/api/v1/api-keys/" + id).then().statusCode(200)
                .body("ip_allowlist", equalTo(List.of(allowed))).body("ip_allowlist_frozen", equalTo(true));
        as(org, "growth").body(Map.of("ip_allowlist", List.of(freshIp()))).patch("/api/v1/api-keys/" + id)
                .then().statusCode(403).body("type", containsString("plan_feature_unavailable"))
                .body("detail", containsString("free plan"));
        as(org, "growth").body(Map.of("ip_allowlist", List.of())).patch("/api/v1/api-keys/" + id)
                .then().statusCode(200).body("ip_allowlist.size()", equalTo(0)).body("ip_allowlist_frozen", equalTo(false));
    }

    @Test
    void anUpgradeCountsAtOnceThoughTheSignedInUsersTokenStillSaysFree() {
        String org = newOrg();
        Map<String, Object> body = body("production", "payments:write");
        body.put("ip_allowlist", List.of("203.0.113.0/24"));
        create(org, "free", body).then().statusCode(403);

        publish(org, Plan.ENTERPRISE);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                create(org, "free", body).then().statusCode(201).body("ip_allowlist_frozen", equalTo(false)));
    }

    /** What auth-service's PlanService publishes when billing changes a plan. */
    private static void publish(String org, Plan plan) {
        try (KafkaProducer<String, byte[]> producer = TestKafkaClients.admin().reliableProducer("tests-plans", Map.of())) {
            producer.send(new ProducerRecord<>(AuthTopics.ORGANIZATION_PLANS, org,
                    new OrganizationPlan(org, plan, Instant.now(), PLAN_VERSIONS.incrementAndGet()).encode())).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
