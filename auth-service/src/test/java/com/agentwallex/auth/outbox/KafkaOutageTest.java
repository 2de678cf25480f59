package com.agentwallex.auth.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.agentwallex.auth.support.Auth;
import com.agentwallex.auth.support.Database;
import com.agentwallex.auth.support.TestKafka;
import com.agentwallex.contract.events.AuthEvent;
import com.agentwallex.contract.events.AuthEventCodec;
import com.agentwallex.contract.events.AuthTopics;
import com.agentwallex.common.testing.LocalKafka;
import com.nimbusds.jwt.SignedJWT;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Kafka stopped for real (the broker that the test command started): sign-in, exchange, refresh
 * and logout keep working, their events demonstrably wait in the outbox while the broker is
 * unreachable, and all of them arrive once Kafka is back. The system tests run the same fault
 * for longer, under traffic.
 */
@QuarkusTest
class KafkaOutageTest {

    @Test
    void whileKafkaIsDownTheApiKeepsWorkingAndTheEventsWaitInTheOutbox() throws Exception {
        LocalKafka.stop();
        String org;
        String sid;
        try {
            assertThat(LocalKafka.reachable()).as("the broker is away").isFalse();
            Response tokens = Auth.signedIn();
            Response refreshed = Auth.refresh(tokens.jsonPath().getString("refresh_token"));
            refreshed.then().statusCode(200);
            Auth.logout(refreshed.jsonPath().getString("access_token")).then().statusCode(204);
            var claims = SignedJWT.parse(tokens.jsonPath().getString("access_token")).getJWTClaimsSet();
            org = claims.getStringClaim("org_id");
            sid = claims.getStringClaim("sid");
            // Held back, not lost: the four events and the revocation are rows until the broker returns.
            assertThat(outboxRows(org)).as("events queued for the organization").isEqualTo(4);
            assertThat(outboxRows(sid)).as("the session's revocation queued").isEqualTo(1);
            // what an operator sees meanwhile (the OutboxBacklogOld alert reads the age)
            Awaitility.await().atMost(Duration.ofSeconds(20))
                    .until(() -> gauge("awx_outbox_backlog_rows") >= 5 && gauge("awx_outbox_relay_lag_seconds") > 0);
        } finally {
            LocalKafka.start();
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> outboxRows(org) == 0 && outboxRows(sid) == 0);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> gauge("awx_outbox_backlog_rows") == 0);
        // At least once: a batch in flight when the broker went away may arrive twice; consumers
        // keep one per event id, so what counts is that all four distinct events arrive.
        List<AuthEvent> events = TestKafka.await(AuthTopics.AUTH_EVENTS, r -> org.equals(r.key()), 4, Duration.ofSeconds(30))
                .stream().map(r -> decode(r.value())).toList();
        assertThat(events.stream().map(AuthEvent::id).distinct()).hasSize(4);
        assertThat(TestKafka.await(AuthTopics.SESSION_REVOCATIONS, r -> sid.equals(r.key()), 1, Duration.ofSeconds(30)))
                .isNotEmpty();
    }

    /** A gauge's value on /q/metrics. */
    private static double gauge(String name) {
        Matcher m = Pattern.compile("(?m)^" + name + " (\\S+)(?: #.*)?$").matcher(RestAssured.get("/q/metrics").asString());
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    private static long outboxRows(String recordKey) {
        return Database.count("SELECT count(*) FROM outbox WHERE record_key = ?", recordKey);
    }

    private static AuthEvent decode(byte[] value) {
        try {
            return AuthEventCodec.decode(value);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
