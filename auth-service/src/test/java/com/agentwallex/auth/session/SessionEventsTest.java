package com.agentwallex.auth.session;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.agentwallex.auth.support.Auth;
import com.agentwallex.auth.support.Database;
import com.agentwallex.auth.support.TestKafka;
import com.agentwallex.contract.events.AuthEvent;
import com.agentwallex.contract.events.AuthEventCodec;
import com.agentwallex.contract.events.AuthEventType;
import com.agentwallex.contract.events.AuthTopics;
import com.agentwallex.contract.revocation.SessionRevocation;
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
        Response refreshed = Auth.refresh(tokens);
        Auth.logout(refreshed).then().statusCode(204);
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
        Database.spentLongAgo(first);
        Auth.refresh(first).then().statusCode(400);
        String org = SignedJWT.parse(tokens.jsonPath().getString("access_token")).getJWTClaimsSet().getStringClaim("org_id");
        List<AuthEventType> types = TestKafka.await(AuthTopics.AUTH_EVENTS, r -> org.equals(r.key()), 5, Duration.ofSeconds(20))
                .stream().map(SessionEventsTest::decode).map(AuthEvent::type).toList();
        assertThat(types).contains(AuthEventType.TOKEN_REUSE_DETECTED, AuthEventType.SESSION_REVOKED);
        // Ended against its user's will: a failure, which an outcome=failure filter shows.
        assertThat(revocationEvents(tokens.jsonPath().getString("access_token"), 1)).extracting(e -> e.data().outcome())
                .containsExactly(AuthEvent.Outcome.FAILURE);
    }

    @Test
    void aRefreshRepeatedWithinTheReuseGraceIsAuditedAsARefreshToo() throws Exception {
        Response tokens = Auth.signedIn();
        String first = tokens.jsonPath().getString("refresh_token");
        Auth.refresh(first).then().statusCode(200);
        Auth.refresh(first).then().statusCode(200);
        String org = SignedJWT.parse(tokens.jsonPath().getString("access_token")).getJWTClaimsSet().getStringClaim("org_id");
        List<AuthEvent> refreshes = TestKafka.await(AuthTopics.AUTH_EVENTS, r -> org.equals(r.key()), 4, Duration.ofSeconds(20))
                .stream().map(SessionEventsTest::decode).filter(e -> e.type() == AuthEventType.TOKEN_REFRESHED).toList();
        assertThat(refreshes).hasSize(2);
        assertThat(refreshes.get(1).data().details()).containsEntry("reuse_grace", true);
    }

    @Test
    void signOutEverywhereEndsEverySessionOfTheUser() throws Exception {
        String email = Auth.newEmail();
        List<Response> sessions = List.of(Auth.exchange(Auth.exchangeCode(email)), Auth.exchange(Auth.exchangeCode(email)),
                Auth.exchange(Auth.exchangeCode(email)));
        String access = sessions.get(0).jsonPath().getString("access_token");
        given().header("Authorization", "Bearer " + access).get("/api/v1/auth/sessions")
                .then().statusCode(200).body("size()", equalTo(3)).body("findAll { it.current }.size()", equalTo(1));

        given().header("Authorization", "Bearer " + access).delete("/api/v1/auth/sessions").then().statusCode(204);

        for (Response session : sessions) {
            Auth.me(session.jsonPath().getString("access_token")).then().statusCode(401);
            Auth.refresh(session.jsonPath().getString("refresh_token")).then().statusCode(400);
        }
        assertThat(revocationEvents(access, 3)).extracting(e -> e.data().outcome(), e -> e.data().reason())
                .containsOnly(org.assertj.core.groups.Tuple.tuple(AuthEvent.Outcome.SUCCESS, "signed_out_everywhere"));
    }

    @Test
    void endingOneOfYourOwnSessionsIsAuditedAsASuccess() throws Exception {
        String email = Auth.newEmail();
        String here = Auth.exchange(Auth.exchangeCode(email)).jsonPath().getString("access_token");
        String elsewhere = Auth.exchange(Auth.exchangeCode(email)).jsonPath().getString("access_token");
        given().header("Authorization", "Bearer " + here)
                .delete("/api/v1/auth/sessions/" + Auth.me(elsewhere).jsonPath().getString("session.id")).then().statusCode(204);
        assertThat(revocationEvents(here, 1)).extracting(e -> e.data().outcome(), e -> e.data().reason())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(AuthEvent.Outcome.SUCCESS, "revoked_by_user"));
    }

    /** The auth.session.revoked events of the organization of {@code accessToken}, once {@code count} are there. */
    private static List<AuthEvent> revocationEvents(String accessToken, int count) throws Exception {
        String org = SignedJWT.parse(accessToken).getJWTClaimsSet().getStringClaim("org_id");
        return TestKafka.await(AuthTopics.AUTH_EVENTS, r -> org.equals(r.key())
                        && decode(r).type() == AuthEventType.SESSION_REVOKED, count, Duration.ofSeconds(20))
                .stream().map(SessionEventsTest::decode).toList();
    }

    @Test
    void endingOneOfYourOtherSessionsEndsOnlyThatOne() {
        String email = Auth.newEmail();
        Response here = Auth.exchange(Auth.exchangeCode(email));
        Response elsewhere = Auth.exchange(Auth.exchangeCode(email));
        String access = here.jsonPath().getString("access_token");
        String otherSid = Auth.me(elsewhere.jsonPath().getString("access_token")).jsonPath().getString("session.id");

        given().header("Authorization", "Bearer " + access).delete("/api/v1/auth/sessions/" + otherSid)
                .then().statusCode(204);

        Auth.me(elsewhere.jsonPath().getString("access_token")).then().statusCode(401);
        Auth.refresh(elsewhere.jsonPath().getString("refresh_token")).then().statusCode(400);
        Auth.me(access).then().statusCode(200);
        given().header("Authorization", "Bearer " + access).get("/api/v1/auth/sessions")
                .then().statusCode(200).body("id", equalTo(List.of(Auth.me(access).jsonPath().getString("session.id"))));
    }

    @Test
    void aSessionIdHoldingANulByteIsNoSessionNotA500() {
        String mine = Auth.signedIn().jsonPath().getString("access_token");
        given().urlEncodingEnabled(false).header("Authorization", "Bearer " + mine).delete("/api/v1/auth/sessions/ses_%00x")
                .then().statusCode(404).contentType("application/problem+json");
        Auth.me(mine).then().statusCode(200);
    }

    @Test
    void anotherUsersSessionIsA404AndUnauthenticatedCallsA401() {
        String mine = Auth.signedIn().jsonPath().getString("access_token");
        Response theirs = Auth.signedIn();
        String theirSid = given().header("Authorization", "Bearer " + theirs.jsonPath().getString("access_token"))
                .get("/api/v1/auth/me").jsonPath().getString("session.id");
        given().header("Authorization", "Bearer " + mine).delete("/api/v1/auth/sessions/" + theirSid)
                .then().statusCode(404).contentType("application/problem+json");
        given().get("/api/v1/auth/me").then().statusCode(401).contentType("application/problem+json");
        given().post("/api/v1/auth/logout").then().statusCode(401);
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
