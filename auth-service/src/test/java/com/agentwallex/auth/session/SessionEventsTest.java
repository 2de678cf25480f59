package com.agentwallex.auth.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.agentwallex.auth.support.Auth;
import com.agentwallex.auth.support.TestKafka;
import com.agentwallex.common.events.AuthEvent;
import com.agentwallex.common.events.AuthEventCodec;
import com.agentwallex.common.events.AuthEventType;
import com.agentwallex.common.events.AuthTopics;
import com.agentwallex.common.revocation.SessionRevocation;
import com.nimbusds.jwt.SignedJWT;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SessionEventsTest {

    @Test
    void everyStepOfTheSeedFlowIsAnAuditEventOfTheUsersOrganization() throws Exception {
        Response tokens = Auth.signedIn();
        Response refreshed = Auth.refresh(tokens.jsonPath().getString("refresh_token"));
        Auth.logout(refreshed.jsonPath().getString("access_token")).then().statusCode(204);
        String org = SignedJWT.parse(tokens.jsonPath().getString("access_token")).getJWTClaimsSet().getStringClaim("org_id");

        List<AuthEventType> types = TestKafka.await(AuthTopics.AUTH_EVENTS, r -> org.equals(r.key()), 4, Duration.ofSeconds(20))
                .stream().map(SessionEventsTest::decode).map(AuthEvent::type).toList();
        assertThat(types).containsExactly(AuthEventType.LOGIN_SUCCEEDED, AuthEventType.TOKEN_EXCHANGED,
                AuthEventType.TOKEN_REFRESHED, AuthEventType.SESSION_LOGGED_OUT);
    }

    @Test
    void logoutPublishesTheSessionsRevocationForEveryVerifier() throws Exception {
        Response tokens = Auth.signedIn();
        String sid = SignedJWT.parse(tokens.jsonPath().getString("access_token")).getJWTClaimsSet().getStringClaim("sid");
        Auth.logout(tokens.jsonPath().getString("access_token")).then().statusCode(204);

        List<ConsumerRecord<String, byte[]>> revocations = TestKafka.await(AuthTopics.SESSION_REVOCATIONS,
                r -> sid.equals(r.key()), 1, Duration.ofSeconds(5));
        assertThat(revocations).hasSize(1);
        SessionRevocation revocation = SessionRevocation.decode(revocations.get(0).value());
        assertThat(revocation.sessionId()).isEqualTo(sid);
        assertThat(revocation.reason()).isEqualTo("logout");
        assertThat(revocation.expiresAt()).isAfter(revocation.revokedAt());
    }

    @Test
    void refreshTokenReuseIsAuditedAsReuseDetected() throws Exception {
        Response tokens = Auth.signedIn();
        String first = tokens.jsonPath().getString("refresh_token");
        Auth.refresh(first).then().statusCode(200);
        org.awaitility.Awaitility.await().pollDelay(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> Auth.refresh(first).then().statusCode(400));
        String org = SignedJWT.parse(tokens.jsonPath().getString("access_token")).getJWTClaimsSet().getStringClaim("org_id");
        List<AuthEventType> types = TestKafka.await(AuthTopics.AUTH_EVENTS, r -> org.equals(r.key()), 5, Duration.ofSeconds(20))
                .stream().map(SessionEventsTest::decode).map(AuthEvent::type).toList();
        assertThat(types).contains(AuthEventType.TOKEN_REUSE_DETECTED, AuthEventType.SESSION_REVOKED);
    }

    @Test
    void signOutEverywhereEndsEverySessionOfTheUser() {
        Response tokens = Auth.signedIn();
        String access = tokens.jsonPath().getString("access_token");
        Auth.me(access).then().statusCode(200);
        io.restassured.RestAssured.given().header("Authorization", "Bearer " + access).get("/api/v1/auth/sessions")
                .then().statusCode(200).body("size()", org.hamcrest.Matchers.equalTo(1));
        io.restassured.RestAssured.given().header("Authorization", "Bearer " + access).delete("/api/v1/auth/sessions")
                .then().statusCode(204);
        Auth.me(access).then().statusCode(401);
        Auth.refresh(tokens.jsonPath().getString("refresh_token")).then().statusCode(400);
    }

    @Test
    void anotherUsersSessionIsA404AndUnauthenticatedCallsA401() {
        String mine = Auth.signedIn().jsonPath().getString("access_token");
        Response theirs = Auth.signedIn();
        String theirSid = io.restassured.RestAssured.given().header("Authorization", "Bearer " + theirs.jsonPath().getString("access_token"))
                .get("/api/v1/auth/me").jsonPath().getString("session.id");
        io.restassured.RestAssured.given().header("Authorization", "Bearer " + mine).delete("/api/v1/auth/sessions/" + theirSid)
                .then().statusCode(404).contentType("application/problem+json");
        io.restassured.RestAssured.given().get("/api/v1/auth/me").then().statusCode(401).contentType("application/problem+json");
        io.restassured.RestAssured.given().post("/api/v1/auth/logout").then().statusCode(401);
        Auth.me("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.").then().statusCode(401);
    }

    private static AuthEvent decode(ConsumerRecord<String, byte[]> record) {
        try {
            return AuthEventCodec.decode(record.value());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
