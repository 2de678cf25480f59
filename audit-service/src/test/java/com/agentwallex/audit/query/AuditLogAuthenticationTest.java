package com.agentwallex.audit.query;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.agentwallex.audit.support.AuditApi;
import com.agentwallex.audit.support.TestEvents;
import com.agentwallex.common.testing.TestJwtKeys;
import com.agentwallex.audit.support.TestKafka;
import com.agentwallex.common.testing.Tokens;
import com.agentwallex.contract.apikey.ApiKeyFormat;
import com.agentwallex.contract.events.AuthEvent;
import com.agentwallex.contract.events.AuthTopics;
import com.agentwallex.common.testing.TopicReader;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = TestJwtKeys.class, scope = TestResourceScope.GLOBAL)
class AuditLogAuthenticationTest {

    private static void rejected(String token) {
        AuditApi.page(token, Map.of()).then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer").body("status", equalTo(401));
    }

    @Test
    void noTokenIsA401() {
        given().get(AuditApi.PATH).then().statusCode(401).contentType("application/problem+json");
        given().get("/audit-logs").then().statusCode(401);
    }

    @Test
    void anExpiredTokenIsA401() {
        rejected(Tokens.accessToken(TestEvents.newOrg(), c -> c.issuedAt(Instant.now().minusSeconds(3600))
                .expiresAt(Instant.now().minusSeconds(1800))));
    }

    @Test
    void aTokenForAnotherAudienceIsA401() {
        rejected(Tokens.accessToken(TestEvents.newOrg(), c -> c.audience("some-other-api")));
    }

    @Test
    void aTokenFromAnotherIssuerIsA401() {
        rejected(Tokens.accessToken(TestEvents.newOrg(), c -> c.issuer("https://evil.example")));
    }

    @Test
    void anUnsignedAlgNoneTokenIsA401() {
        rejected(Tokens.unsigned(TestEvents.newOrg()));
    }

    @Test
    void anHs256TokenKeyedWithThePublicKeyIsA401() {
        rejected(Tokens.hs256WithPublicKey(TestEvents.newOrg()));
    }

    @Test
    void garbageIsA401() {
        rejected("not.a.jwt");
    }

    @Test
    void aSignedTokenThatIsNotAnAccessTokenIsA401() {
        rejected(Tokens.withoutOrg());
    }

    @Test
    void aTokenWithoutAuditReadIsA403AndAudited() {
        String org = TestEvents.newOrg();
        AuditApi.page(Tokens.accessToken(org, c -> c.claim("scope", "agents:read")), Map.of())
                .then().statusCode(403).contentType("application/problem+json");
        List<ConsumerRecord<String, byte[]>> denied = TopicReader.readFromStart(AuthTopics.AUTH_EVENTS,
                r -> org.equals(r.key()) && new String(r.value(), StandardCharsets.UTF_8).contains("access.denied"),
                1, Duration.ofSeconds(15));
        assertThat(denied).hasSize(1);
    }

    @Test
    void bothHeadersAtOnceIsA400() {
        given().header("Authorization", "Bearer " + Tokens.forOrg(TestEvents.newOrg()))
                .header("X-API-Key", ApiKeyFormat.generate(ApiKeyFormat.Environment.SANDBOX))
                .get(AuditApi.PATH).then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void anApiKeyInTheQueryStringIsA400() {
        String key = ApiKeyFormat.generate(ApiKeyFormat.Environment.SANDBOX);
        given().queryParam("api_key", key).get(AuditApi.PATH).then().statusCode(400)
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(key)));
        given().header("Authorization", "Bearer " + Tokens.forOrg(TestEvents.newOrg())).queryParam("type", key)
                .get(AuditApi.PATH).then().statusCode(400);
    }

    @Test
    void aMalformedApiKeyIsA401WithoutAskingApikeyService() {
        given().header("X-API-Key", "awx_sandbox_notachecksummedkeyatall0000000").get(AuditApi.PATH)
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void apikeyServiceUnreachableIsA503WithRetryAfterNeverA401() {
        given().header("X-API-Key", ApiKeyFormat.generate(ApiKeyFormat.Environment.PRODUCTION)).get(AuditApi.PATH)
                .then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", org.hamcrest.Matchers.notNullValue());
        AuditApi.page(Tokens.forOrg(TestEvents.newOrg()), Map.of()).then().statusCode(200);
    }

    @Test
    void anotherTenantsEventsAreNeverVisible() {
        String victim = TestEvents.newOrg();
        AuthEvent secret = TestEvents.event(victim);
        TestKafka.publish(List.of(secret));
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> AuditApi.allIds(Tokens.forOrg(victim), Map.of()).size() == 1);

        String attacker = TestEvents.newOrg();
        AuditApi.page(Tokens.forOrg(attacker), Map.of()).then().statusCode(200).body("data.size()", equalTo(0));
        AuditApi.page(Tokens.forOrg(attacker), Map.of("actor_id", "usr_1")).then().body("data.size()", equalTo(0));
    }
}
