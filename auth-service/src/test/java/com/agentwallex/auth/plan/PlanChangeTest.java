package com.agentwallex.auth.plan;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import com.agentwallex.auth.support.Auth;
import com.agentwallex.auth.support.TestKafka;
import com.agentwallex.contract.events.AuthEvent;
import com.agentwallex.contract.events.AuthEventCodec;
import com.agentwallex.contract.events.AuthEventType;
import com.agentwallex.contract.events.AuthTopics;
import com.agentwallex.contract.plan.OrganizationPlan;
import com.agentwallex.contract.plan.Plan;
import com.nimbusds.jwt.SignedJWT;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Billing changes an organization's plan; every service that answers by plan is told (issue 20). */
@QuarkusTest
class PlanChangeTest {

    private static final String BILLING = "test-billing-credential-0123456789abcdef";

    @Test
    void billingMovesAnOrganizationToAnotherPlanAndTheChangeIsPublishedAuditedAndInTheNextToken() throws Exception {
        Response tokens = Auth.signedIn();
        String org = org(tokens);

        change(BILLING, org, Map.of("plan", "growth")).then().statusCode(200)
                .body("org_id", equalTo(org)).body("plan", equalTo("growth")).body("previous_plan", equalTo("free"))
                .body("changed", equalTo(true));

        List<ConsumerRecord<String, byte[]>> plans = TestKafka.await(AuthTopics.ORGANIZATION_PLANS, r -> org.equals(r.key()),
                1, Duration.ofSeconds(20));
        assertThat(plans).hasSize(1);
        assertThat(OrganizationPlan.decode(plans.get(0).value()).plan()).isEqualTo(Plan.GROWTH);

        AuthEvent event = TestKafka.await(AuthTopics.AUTH_EVENTS, r -> org.equals(r.key()), 3, Duration.ofSeconds(20)).stream()
                .map(PlanChangeTest::decode).filter(e -> e.type() == AuthEventType.ORGANIZATION_PLAN_CHANGED).findFirst()
                .orElseThrow();
        assertThat(event.data().actor()).isEqualTo(new AuthEvent.Actor(AuthEvent.ActorType.SERVICE, "billing"));
        assertThat(event.data().details()).containsEntry("plan", "growth").containsEntry("previous_plan", "free");

        String refreshed = Auth.refresh(tokens.jsonPath().getString("refresh_token")).jsonPath().getString("access_token");
        assertThat(SignedJWT.parse(refreshed).getJWTClaimsSet().getStringClaim("plan")).isEqualTo("growth");
        Auth.me(refreshed).then().statusCode(200).body("organization.plan", equalTo("growth"));
    }

    @Test
    void settingThePlanAnOrganizationAlreadyHasChangesAndPublishesNothingSoBillingMayRepeatACall() throws Exception {
        String org = org(Auth.signedIn());
        change(BILLING, org, Map.of("plan", "free")).then().statusCode(200).body("changed", equalTo(false));
        change(BILLING, org, Map.of("plan", "enterprise")).then().statusCode(200).body("changed", equalTo(true));
        change(BILLING, org, Map.of("plan", "enterprise")).then().statusCode(200).body("changed", equalTo(false));

        List<ConsumerRecord<String, byte[]>> plans = TestKafka.await(AuthTopics.ORGANIZATION_PLANS, r -> org.equals(r.key()),
                1, Duration.ofSeconds(20));
        assertThat(plans).extracting(r -> OrganizationPlan.decode(r.value()).plan()).containsExactly(Plan.ENTERPRISE);
    }

    /** Followers order an organization's records by version: no replica's clock decides which change is the latest. */
    @Test
    void eachChangeOfAnOrganizationsPlanCarriesTheNextVersion() throws Exception {
        String org = org(Auth.signedIn());
        for (String plan : List.of("growth", "enterprise", "free")) {
            change(BILLING, org, Map.of("plan", plan)).then().statusCode(200).body("changed", equalTo(true));
        }
        change(BILLING, org, Map.of("plan", "free")).then().statusCode(200).body("changed", equalTo(false));

        List<OrganizationPlan> plans = TestKafka.await(AuthTopics.ORGANIZATION_PLANS, r -> org.equals(r.key()),
                3, Duration.ofSeconds(20)).stream().map(r -> OrganizationPlan.decode(r.value())).toList();
        assertThat(plans).extracting(OrganizationPlan::plan).containsExactly(Plan.GROWTH, Plan.ENTERPRISE, Plan.FREE);
        assertThat(plans).extracting(OrganizationPlan::version).containsExactly(1L, 2L, 3L);
        assertThat(plans.get(2).supersedes(plans.get(1))).isTrue();
    }

    @Test
    void withoutBillingsCredentialNoPlanChanges() throws Exception {
        Response tokens = Auth.signedIn();
        String org = org(tokens);
        given().contentType(ContentType.JSON).body(Map.of("plan", "enterprise"))
                .put("/internal/v1/organizations/" + org + "/plan").then().statusCode(401)
                .contentType("application/problem+json");
        change("not-the-billing-credential-0123456789abcdef", org, Map.of("plan", "enterprise")).then().statusCode(401);
        // A signed-in user's own access token is no billing credential either.
        change(tokens.jsonPath().getString("access_token"), org, Map.of("plan", "enterprise")).then().statusCode(401);
        Auth.me(tokens.jsonPath().getString("access_token")).then().body("organization.plan", equalTo("free"));
    }

    @Test
    void aPlanOutsideTheCatalogueOrNoBodyIsA400NamingThePlan() throws Exception {
        String org = org(Auth.signedIn());
        for (Object body : List.<Object>of(Map.of("plan", "platinum"), Map.of("plan", "GROWTH"), Map.of())) {
            change(BILLING, org, body).then().statusCode(400).contentType("application/problem+json")
                    .body("parameter", equalTo("plan")).body("detail", containsString("growth"));
        }
        authorized(BILLING).put("/internal/v1/organizations/" + org + "/plan").then().statusCode(400)
                .body("detail", not(containsString("Exception")));
    }

    @Test
    void anUnknownOrganizationIs404() {
        change(BILLING, "org_does_not_exist", Map.of("plan", "growth")).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void anOrganizationIdHoldingANulByteIsA400ProblemNotA500() {
        authorized(BILLING).urlEncodingEnabled(false).body(Map.of("plan", "growth"))
                .put("/internal/v1/organizations/org_%00x/plan").then().statusCode(400)
                .contentType("application/problem+json").body("type", equalTo("https://docs.agentwallex.com/problems/invalid_parameter"));
    }

    private static Response change(String credential, String org, Object body) {
        return authorized(credential).body(body).put("/internal/v1/organizations/" + org + "/plan");
    }

    private static RequestSpecification authorized(String credential) {
        return given().header("Authorization", "Bearer " + credential).contentType(ContentType.JSON);
    }

    private static String org(Response tokens) throws Exception {
        return SignedJWT.parse(tokens.jsonPath().getString("access_token")).getJWTClaimsSet().getStringClaim("org_id");
    }

    private static AuthEvent decode(ConsumerRecord<String, byte[]> record) {
        try {
            return AuthEventCodec.decode(record.value());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
