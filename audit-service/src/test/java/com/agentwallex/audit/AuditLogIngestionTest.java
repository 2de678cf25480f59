package com.agentwallex.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.agentwallex.audit.support.AuditApi;
import com.agentwallex.audit.support.TestEvents;
import com.agentwallex.common.testing.TestJwtKeys;
import com.agentwallex.audit.support.TestKafka;
import com.agentwallex.common.testing.Tokens;
import com.agentwallex.contract.events.AuthEvent;
import com.agentwallex.contract.events.AuthEvent.Outcome;
import com.agentwallex.contract.events.AuthEventType;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = TestJwtKeys.class, scope = TestResourceScope.GLOBAL)
class AuditLogIngestionTest {

    @Test
    void anEventPublishedToKafkaBecomesVisibleThroughTheApi() {
        String org = TestEvents.newOrg();
        AuthEvent event = TestEvents.event(org, AuthEventType.TOKEN_REFRESH_FAILED, Outcome.FAILURE, Instant.now());
        TestKafka.publish(List.of(event));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Response page = AuditApi.page(Tokens.forOrg(org), Map.of());
            page.then().statusCode(200);
            assertThat(page.jsonPath().getList("data.id")).containsExactly(event.id().toString());
        });
        Response page = AuditApi.page(Tokens.forOrg(org), Map.of());
        assertThat(page.jsonPath().getString("data[0].type")).isEqualTo("auth.token.refresh_failed");
        assertThat(page.jsonPath().getString("data[0].outcome")).isEqualTo("failure");
        assertThat(page.jsonPath().getString("data[0].actor.type")).isEqualTo("user");
        assertThat(page.jsonPath().getString("data[0].client_ip")).isEqualTo("203.0.113.9");
        assertThat(page.jsonPath().getInt("data[0].details.attempt")).isEqualTo(1);
        assertThat(page.jsonPath().getBoolean("has_more")).isFalse();
    }

    @Test
    void theSameEventDeliveredThreeTimesIsStoredOnce() {
        String org = TestEvents.newOrg();
        AuthEvent event = TestEvents.event(org);
        AuthEvent marker = TestEvents.event(org, AuthEventType.LOGIN_FAILED, Outcome.FAILURE, Instant.now().plusSeconds(1));
        TestKafka.publish(List.of(event, event, event, marker));

        await().atMost(Duration.ofSeconds(20)).until(() ->
                AuditApi.allIds(Tokens.forOrg(org), Map.of()).contains(marker.id().toString()));
        assertThat(AuditApi.allIds(Tokens.forOrg(org), Map.of()))
                .containsExactly(marker.id().toString(), event.id().toString());
    }

    @Test
    void eachOrganizationSeesOnlyItsOwnEventsAndCursorPagingReturnsEachExactlyOnceNewestFirst() {
        List<String> orgs = List.of(TestEvents.newOrg(), TestEvents.newOrg(), TestEvents.newOrg());
        Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(3600);
        List<AuthEvent> events = new ArrayList<>();
        IntStream.range(0, 1000).forEach(i -> events.add(TestEvents.event(orgs.get(i % 3),
                AuthEventType.values()[i % AuthEventType.values().length], i % 2 == 0 ? Outcome.SUCCESS : Outcome.FAILURE,
                // several events share a timestamp, so the id must break ties in the order
                base.plusSeconds(i / 4))));
        TestKafka.publish(events);

        for (String org : orgs) {
            List<AuthEvent> own = events.stream().filter(e -> e.data().orgId().equals(org))
                    .sorted(Comparator.comparing(AuthEvent::time)
                            // PostgreSQL orders uuids as unsigned bytes, which is their text order
                            .thenComparing((AuthEvent e) -> e.id().toString()).reversed()).toList();
            List<String> expected = own.stream().map(e -> e.id().toString()).toList();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(AuditApi.allIds(Tokens.forOrg(org), Map.of("limit", 500))).hasSize(expected.size()));
            assertThat(AuditApi.allIds(Tokens.forOrg(org), Map.of("limit", 37))).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void filtersNarrowTheOrganizationsEvents() {
        String org = TestEvents.newOrg();
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(600);
        AuthEvent early = TestEvents.event(org, AuthEventType.LOGIN_FAILED, Outcome.FAILURE, t);
        AuthEvent middle = TestEvents.event(org, AuthEventType.LOGIN_SUCCEEDED, Outcome.SUCCESS, t.plusSeconds(60));
        AuthEvent late = TestEvents.event(org, AuthEventType.LOGIN_FAILED, Outcome.FAILURE, t.plusSeconds(120));
        TestKafka.publish(List.of(early, middle, late));
        String token = Tokens.forOrg(org);
        await().atMost(Duration.ofSeconds(20)).until(() -> AuditApi.allIds(token, Map.of()).size() == 3);

        assertThat(AuditApi.allIds(token, Map.of("type", "auth.login.failed")))
                .containsExactly(late.id().toString(), early.id().toString());
        assertThat(AuditApi.allIds(token, Map.of("outcome", "success"))).containsExactly(middle.id().toString());
        assertThat(AuditApi.allIds(token, Map.of("from", t.plusSeconds(60).toString(), "to", t.plusSeconds(120).toString())))
                .containsExactly(middle.id().toString());
        assertThat(AuditApi.allIds(token, Map.of("actor_id", "usr_1", "ip", "203.0.113.9"))).hasSize(3);
        assertThat(AuditApi.allIds(token, Map.of("ip", "198.51.100.1"))).isEmpty();
    }
}
