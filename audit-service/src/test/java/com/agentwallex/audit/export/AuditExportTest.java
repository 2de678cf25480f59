package com.agentwallex.audit.export;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import com.agentwallex.audit.support.AuditApi;
import com.agentwallex.audit.support.ChainReader;
import com.agentwallex.audit.support.TestEvents;
import com.agentwallex.audit.support.TestKafka;
import com.agentwallex.audit.verifier.EventChain;
import com.agentwallex.contract.events.AuthEvent.Outcome;
import com.agentwallex.contract.events.AuthEvent;
import com.agentwallex.contract.events.AuthEventType;
import com.agentwallex.common.testing.TestJwtKeys;
import com.agentwallex.common.testing.Tokens;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = TestJwtKeys.class, scope = TestResourceScope.GLOBAL)
class AuditExportTest {

    static final String PATH = "/api/v1/audit-logs/export";

    /** An organization with {@code n} stored events, the last a failure. */
    private static String orgWith(int n) {
        String org = TestEvents.newOrg();
        List<AuthEvent> events = new java.util.ArrayList<>(IntStream.range(0, n - 1).mapToObj(i -> TestEvents.event(org)).toList());
        events.add(TestEvents.event(org, AuthEventType.LOGIN_FAILED, Outcome.FAILURE, Instant.now()));
        TestKafka.publish(events);
        await().atMost(Duration.ofSeconds(30)).until(() -> ChainReader.after(Tokens.forOrg(org), 0, Map.of()).size() == n);
        return org;
    }

    /**
     * The exported events, without the export's own audit.exported: it is recorded before the first
     * byte, so it may already be stored (at the end of the chain) when the export reads its last page.
     */
    private static List<JsonNode> lines(Response response) {
        return Arrays.stream(response.asString().split("\n")).filter(l -> !l.isEmpty()).map(ChainReader::read)
                .filter(e -> !e.get("type").asText().equals("audit.exported")).toList();
    }

    @Test
    void anNdjsonExportIsTheWholeChainInStoredOrderAndEveryLinkRecomputesFromItsLine() {
        String org = orgWith(25);
        Response response = AuditApi.as(Tokens.forOrg(org)).get(PATH + "?format=ndjson");
        response.then().statusCode(200).contentType("application/x-ndjson")
                .header("Content-Disposition", "attachment; filename=\"audit-log.ndjson\"")
                .header("Cache-Control", "no-store");
        List<JsonNode> events = lines(response);
        assertThat(events).hasSize(25);
        byte[] previous = EventChain.genesis();
        for (int i = 0; i < events.size(); i++) {
            JsonNode e = events.get(i);
            assertThat(e.get("seq").asLong()).isEqualTo(i + 1L);
            assertThat(EventChain.unhex(e.get("prev_hash").asText())).isEqualTo(previous);
            previous = EventChain.link(previous, e);
            assertThat(e.get("hash").asText()).isEqualTo(EventChain.hex(previous));
        }
        // Read after the export: the log now also holds that export's own audit.exported, at seq 26.
        assertThat(ChainReader.ids(events))
                .isEqualTo(ChainReader.ids(ChainReader.after(Tokens.forOrg(org), 0, Map.of())).subList(0, 25));
    }

    @Test
    void anExportIsRecordedInTheOrganizationsOwnChainAsAuditExported() {
        String org = orgWith(1);
        AuditApi.as(Tokens.forOrg(org)).get(PATH + "?outcome=failure").then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<JsonNode> chain = ChainReader.verifiedChain(Tokens.forOrg(org));
            assertThat(chain).hasSize(2);
            JsonNode exported = chain.get(1);
            assertThat(exported.get("type").asText()).isEqualTo("audit.exported");
            assertThat(exported.get("source").asText()).isEqualTo("audit-service");
            assertThat(exported.get("details").get("format").asText()).isEqualTo("ndjson");
            assertThat(exported.get("details").get("outcome").asText()).isEqualTo("failure");
        });
    }

    @Test
    void csvByAcceptHasAHeaderAndOneRowPerEventWithTheChainFields() {
        String org = orgWith(3);
        Response response = AuditApi.as(Tokens.forOrg(org)).accept("text/csv").get(PATH);
        response.then().statusCode(200).contentType("text/csv");
        String[] rows = Arrays.stream(response.asString().split("\r\n")).filter(r -> !r.contains(",audit.exported,"))
                .toArray(String[]::new);
        assertThat(rows).hasSize(4);
        assertThat(rows[0]).startsWith("seq,prev_hash,hash,id,time,type");
        assertThat(rows[1]).startsWith("1," + EventChain.hex(EventChain.genesis()) + ",");
        assertThat(rows[3]).startsWith("3,").contains(",auth.login.failed,").contains("\"{\"\"attempt\"\": 1}\"");
    }

    @Test
    void theListsFiltersNarrowTheExportAndAfterSeqMakesItIncremental() {
        String org = orgWith(4);
        List<JsonNode> failures = lines(AuditApi.as(Tokens.forOrg(org)).get(PATH + "?outcome=failure"));
        assertThat(failures).hasSize(1);
        assertThat(failures.get(0).get("seq").asLong()).isEqualTo(4);
        List<JsonNode> tail = lines(AuditApi.as(Tokens.forOrg(org)).get(PATH + "?after_seq=2&type=auth.login.succeeded"));
        assertThat(tail).extracting(e -> e.get("seq").asLong()).containsExactly(3L);
    }

    @Test
    void aBadParameterIsA400ProblemNamingIt() {
        String token = Tokens.forOrg(TestEvents.newOrg());
        for (String[] bad : new String[][] {{"format", "xml"}, {"limit", "10"}, {"after_seq", "-1"}, {"outcome", "maybe"}}) {
            AuditApi.as(token).queryParam(bad[0], bad[1]).get(PATH).then().statusCode(400)
                    .contentType("application/problem+json").body("parameter", equalTo(bad[0]));
        }
        AuditApi.as(token).header("Accept", "garbage").get(PATH).then().statusCode(400)
                .contentType("application/problem+json").body("parameter", equalTo("Accept"));
    }

    @Test
    void noCredentialIsA401AndATokenWithoutAuditReadIsA403() {
        given().get(PATH).then().statusCode(401).contentType("application/problem+json");
        AuditApi.as(Tokens.accessToken(TestEvents.newOrg(), c -> c.claim("scope", "agents:read"))).get(PATH)
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void anOrganizationsExportsAreLimitedPerWindowWithRetryAfter() {
        String token = Tokens.forOrg(TestEvents.newOrg());
        for (int i = 0; i < 10; i++) {
            AuditApi.as(token).get(PATH).then().statusCode(200);
        }
        AuditApi.as(token).get(PATH).then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", notNullValue());
        AuditApi.as(Tokens.forOrg(TestEvents.newOrg())).get(PATH).then().statusCode(200);
    }

    @Test
    void exportsSentAllAtOnceGetNoMoreThanTheLimit() throws Exception {
        String token = Tokens.forOrg(TestEvents.newOrg());
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return AuditApi.as(token).get(PATH).statusCode();
                }));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(60, TimeUnit.SECONDS));
            }
            assertThat(statuses).containsOnly(200, 429);
            assertThat(statuses).filteredOn(s -> s == 200).hasSize(10);
        } finally {
            pool.shutdownNow();
        }
    }
}
