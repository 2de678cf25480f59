package com.agentwallex.audit.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import com.agentwallex.audit.support.AuditApi;
import com.agentwallex.audit.support.TestEvents;
import com.agentwallex.audit.support.TestKafka;
import com.agentwallex.contract.events.AuthEvent;
import com.agentwallex.common.testing.TestJwtKeys;
import com.agentwallex.common.testing.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
@WithTestResource(value = TestJwtKeys.class, scope = TestResourceScope.GLOBAL)
class AuditLogQueryValidationTest {

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            limit    | 0
            limit    | 501
            limit    | abc
            limit    | 1;DROP TABLE audit_event
            type     | auth.login.teleported
            type     | auth.login.failed' OR '1'='1
            outcome  | maybe
            ip       | 999.1.1.1
            ip       | localhost
            from     | yesterday
            to       | 2026-13-01T00:00:00Z
            from     | +300000-01-01T00:00:00Z
            to       | +999999999-12-31T23:59:59-18:00
            to       | 10000-01-01T00:00:00Z
            actor_id | x' OR '1'='1
            actor_id | usr_\0x
            cursor   | not-a-cursor
            cursor   | eyJ4Ijoi.AAAA
            order_by | occurred_at
            after_seq | -1
            after_seq | 1.5
            after_seq | 99999999999999999999
            """)
    void aBadParameterIsA400ProblemNamingIt(String parameter, String value) {
        AuditApi.page(Tokens.forOrg(TestEvents.newOrg()), Map.of(parameter, value)).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("parameter", equalTo(parameter))
                .body("detail", notNullValue())
                .body("request_id", notNullValue())
                .body(not(containsString("Exception")));
    }

    @Test
    void fromAfterToIsRejected() {
        AuditApi.page(Tokens.forOrg(TestEvents.newOrg()),
                        Map.of("from", "2026-02-01T00:00:00Z", "to", "2026-01-01T00:00:00Z"))
                .then().statusCode(400).body("parameter", equalTo("from"));
    }

    @Test
    void aRepeatedParameterIsRejected() {
        AuditApi.as(Tokens.forOrg(TestEvents.newOrg())).queryParam("limit", 5, 6).get(AuditApi.PATH)
                .then().statusCode(400).body("parameter", equalTo("limit"));
    }

    @Test
    void quotesInAFilterValueAreDataNotSql() {
        String org = TestEvents.newOrg();
        String quoted = "o'hara\";--";
        AuthEvent theirs = withActor(TestEvents.event(org), quoted);
        TestKafka.publish(List.of(theirs, TestEvents.event(org)));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> AuditApi.allIds(Tokens.forOrg(org), Map.of()).size() == 2);

        assertThat(AuditApi.allIds(Tokens.forOrg(org), Map.of("actor_id", quoted))).containsExactly(theirs.id().toString());
        assertThat(AuditApi.allIds(Tokens.forOrg(org), Map.of("actor_id", "o'||'hara"))).isEmpty();
    }

    @Test
    void anIpv6FilterFindsTheAddressHoweverEitherSideSpellsIt() {
        String org = TestEvents.newOrg();
        AuthEvent canonical = withClientIp(TestEvents.event(org), "2001:db8::1");
        // stored before client addresses were canonical: the JDK's spelling of a connection's address
        AuthEvent jdk = withClientIp(TestEvents.event(org), "2001:db8:0:0:0:0:0:2");
        TestKafka.publish(List.of(canonical, jdk, TestEvents.event(org)));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> AuditApi.allIds(Tokens.forOrg(org), Map.of()).size() == 3);

        for (String spelling : List.of("2001:db8::1", "2001:DB8:0:0:0:0:0:1", "2001:0db8:0000::0001")) {
            assertThat(AuditApi.allIds(Tokens.forOrg(org), Map.of("ip", spelling))).as(spelling)
                    .containsExactly(canonical.id().toString());
        }
        assertThat(AuditApi.allIds(Tokens.forOrg(org), Map.of("ip", "2001:db8::2"))).containsExactly(jdk.id().toString());
    }

    @Test
    void aCursorIssuedToAnotherOrganizationIsRejectedAndRevealsNothing() {
        String org = TestEvents.newOrg();
        List<AuthEvent> events = IntStream.range(0, 3).mapToObj(i -> TestEvents.event(org)).toList();
        TestKafka.publish(events);
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> AuditApi.allIds(Tokens.forOrg(org), Map.of()).size() == 3);
        String cursor = AuditApi.page(Tokens.forOrg(org), Map.of("limit", 1)).jsonPath().getString("next_cursor");

        AuditApi.page(Tokens.forOrg(org), Map.of("limit", 1, "cursor", cursor)).then().statusCode(200);
        AuditApi.page(Tokens.forOrg(TestEvents.newOrg()), Map.of("cursor", cursor)).then()
                .statusCode(400).body("parameter", equalTo("cursor"));
        String tampered = cursor.substring(0, cursor.indexOf('.') - 2) + "AA" + cursor.substring(cursor.indexOf('.'));
        AuditApi.page(Tokens.forOrg(org), Map.of("cursor", tampered)).then().statusCode(400);
    }

    @Test
    void theProductPagesShortPathServesTheSameApi() {
        String org = TestEvents.newOrg();
        AuthEvent event = TestEvents.event(org);
        TestKafka.publish(List.of(event));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> AuditApi.allIds(Tokens.forOrg(org), Map.of()).size() == 1);
        AuditApi.as(Tokens.forOrg(org)).get("/audit-logs").then().statusCode(200)
                .body("data.id", equalTo(List.of(event.id().toString()))).body("has_more", equalTo(false));
    }

    private static AuthEvent withClientIp(AuthEvent e, String ip) {
        AuthEvent.Data d = e.data();
        return new AuthEvent(e.id(), e.source(), e.type(), e.time(), e.subject(), e.traceparent(), new AuthEvent.Data(d.orgId(),
                d.actor(), d.outcome(), d.reason(), ip, d.userAgent(), d.requestId(), d.resource(), d.details()));
    }

    private static AuthEvent withActor(AuthEvent e, String actorId) {
        AuthEvent.Data d = e.data();
        return new AuthEvent(e.id(), e.source(), e.type(), e.time(), actorId, e.traceparent(), new AuthEvent.Data(d.orgId(),
                new AuthEvent.Actor(d.actor().type(), actorId), d.outcome(), d.reason(), d.clientIp(), d.userAgent(),
                d.requestId(), d.resource(), d.details()));
    }
}
