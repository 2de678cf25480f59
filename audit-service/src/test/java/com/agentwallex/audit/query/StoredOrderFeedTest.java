package com.agentwallex.audit.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.agentwallex.audit.support.AuditApi;
import com.agentwallex.audit.support.ChainReader;
import com.agentwallex.audit.support.TestEvents;
import com.agentwallex.audit.support.TestKafka;
import com.agentwallex.contract.events.AuthEvent;
import com.agentwallex.contract.events.AuthEvent.Outcome;
import com.agentwallex.contract.events.AuthEventType;
import com.agentwallex.common.testing.TestJwtKeys;
import com.agentwallex.common.testing.Tokens;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = TestJwtKeys.class, scope = TestResourceScope.GLOBAL)
class StoredOrderFeedTest {

    @Test
    void aPollerFollowingAfterSeqSeesEveryEventOnceIncludingALateOneWithAnOlderTime() {
        String org = TestEvents.newOrg();
        String token = Tokens.forOrg(org);
        List<AuthEvent> first = IntStream.range(0, 7).mapToObj(i -> TestEvents.event(org)).toList();
        TestKafka.publish(first);
        List<JsonNode> seen = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> poll(token, seen, 3) >= 7);

        // Published after the poller read everything, with a time an hour older than all of it.
        AuthEvent late = TestEvents.event(org, AuthEventType.LOGIN_FAILED, Outcome.FAILURE,
                Instant.now().minus(1, ChronoUnit.HOURS));
        AuthEvent next = TestEvents.event(org);
        TestKafka.publish(List.of(late, next));
        await().atMost(Duration.ofSeconds(30)).until(() -> poll(token, seen, 3) >= 9);

        List<String> expected = new ArrayList<>(first.stream().map(e -> e.id().toString()).toList());
        assertThat(ChainReader.ids(seen)).doesNotHaveDuplicates().hasSize(9)
                .containsAll(expected).contains(late.id().toString(), next.id().toString());
        assertThat(ChainReader.ids(seen).subList(7, 9)).containsExactly(late.id().toString(), next.id().toString());
        // The newest-first pages put the late event last: a time cursor already past it would miss it.
        assertThat(AuditApi.allIds(token, Map.of())).last().isEqualTo(late.id().toString());
    }

    @Test
    void storedOrderPagesCarryTheChainFieldsAndFiltersStillApply() {
        String org = TestEvents.newOrg();
        AuthEvent ok = TestEvents.event(org);
        AuthEvent failed = TestEvents.event(org, AuthEventType.LOGIN_FAILED, Outcome.FAILURE, Instant.now());
        TestKafka.publish(List.of(ok, failed));
        await().atMost(Duration.ofSeconds(30)).until(() -> ChainReader.after(Tokens.forOrg(org), 0, Map.of()).size() == 2);

        List<JsonNode> failures = ChainReader.after(Tokens.forOrg(org), 0, Map.of("outcome", "failure"));
        assertThat(ChainReader.ids(failures)).containsExactly(failed.id().toString());
        assertThat(failures.get(0).get("seq").asLong()).isEqualTo(2);
        assertThat(failures.get(0).get("hash").asText()).hasSize(64);
        assertThat(failures.get(0).get("prev_hash").asText()).hasSize(64);
        AuditApi.page(Tokens.forOrg(org), Map.of("after_seq", 0, "limit", 1)).then().statusCode(200)
                .body("has_more", equalTo(true)).body("data[0].seq", equalTo(1));
    }

    @Test
    void afterSeqTogetherWithACursorIsA400NamingAfterSeq() {
        String org = TestEvents.newOrg();
        TestKafka.publish(List.of(TestEvents.event(org), TestEvents.event(org)));
        await().atMost(Duration.ofSeconds(30)).until(() -> AuditApi.allIds(Tokens.forOrg(org), Map.of()).size() == 2);
        String cursor = AuditApi.page(Tokens.forOrg(org), Map.of("limit", 1)).jsonPath().getString("next_cursor");
        AuditApi.page(Tokens.forOrg(org), Map.of("after_seq", 0, "cursor", cursor)).then().statusCode(400)
                .contentType("application/problem+json").body("parameter", equalTo("after_seq"));
    }

    @Test
    void anotherOrganizationsFeedIsNeverVisibleThroughAfterSeq() {
        String org = TestEvents.newOrg();
        TestKafka.publish(List.of(TestEvents.event(org)));
        await().atMost(Duration.ofSeconds(30)).until(() -> ChainReader.after(Tokens.forOrg(org), 0, Map.of()).size() == 1);
        assertThat(ChainReader.after(Tokens.forOrg(TestEvents.newOrg()), 0, Map.of())).isEmpty();
    }

    /** One poll as a client runs it: from the last seq it holds, a small page at a time. */
    private static int poll(String token, List<JsonNode> seen, int pageSize) {
        long last = seen.isEmpty() ? 0 : seen.get(seen.size() - 1).get("seq").asLong();
        seen.addAll(ChainReader.after(token, last, Map.of("limit", pageSize)));
        return seen.size();
    }
}
