package com.agentwallex.system.ratelimits;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.agentwallex.common.ratelimit.RateLimitPolicy;
import com.agentwallex.system.support.AuditTrail;
import com.agentwallex.system.support.AuditTrail.Entry;
import com.agentwallex.system.support.Issued;
import com.agentwallex.system.support.Stack;
import com.agentwallex.system.support.Stack.Service;
import com.agentwallex.system.support.Users;
import com.agentwallex.system.support.Users.Session;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A key's rate limits on successful calls, enforced by every service built on common with one
 * budget across replicas (ADR 19), answered with the IETF RateLimit headers, 429 and Retry-After,
 * and audited once per window.
 */
@QuarkusTest
@WithTestResource(value = Stack.class, scope = TestResourceScope.GLOBAL)
class KeyRateLimitTest {

    private static final Pattern RATE_LIMIT = Pattern.compile("\"([0-9a-z]+)\";r=(\\d+);t=(\\d+)");

    @Test
    void twoReplicasOfAServiceShareOneBudgetAndTogetherNeverAdmitMoreThanTheLimit() {
        Session user = Users.signIn();
        int window = windowNotEndingSoon();
        long limit = 200;
        String key = limitedKey(user, "production", limit, window, "audit:read");
        // what ADR 19 allows: a batch and a half the other replica may still hold when one is refused
        long batch = Math.max(1, limit / 20);
        long held = batch + batch / 2;
        try (Stack.Replica second = Stack.replica(Service.AUDIT)) {
            List<String> replicas = List.of(Stack.url(Service.AUDIT), second.url());
            long admitted = 0;
            for (int i = 0; i < 300; i++) {
                Response answer = given().baseUri(replicas.get(i % 2)).header("X-API-Key", key)
                        .queryParam("limit", 1).get("/api/v1/audit-logs");
                if (answer.statusCode() == 200) {
                    admitted++;
                } else {
                    assertThat(answer.statusCode()).isEqualTo(429);
                    assertThat(answer.header("Retry-After")).isNotNull();
                }
            }
            assertThat(admitted).isLessThanOrEqualTo(limit).isGreaterThanOrEqualTo(limit - held);
        }
    }

    @Test
    void aBurstAsLargeAsTheLimitOnAFreshBudgetIsAdmittedWholeAndOnlyTheNextRequestRefused() throws Exception {
        Session user = Users.signIn();
        int window = windowNotEndingSoon();
        int limit = 20; // batches of one: every unit is its own lease, the case a burst waits on most
        String key = limitedKey(user, "production", limit, window, "audit:read");
        ExecutorService pool = Executors.newFixedThreadPool(limit);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < limit; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return given().baseUri(Stack.url(Service.AUDIT)).header("X-API-Key", key).queryParam("limit", 1)
                            .get("/api/v1/audit-logs").statusCode();
                }));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(60, TimeUnit.SECONDS));
            }
            assertThat(statuses).hasSize(limit).containsOnly(200);
        } finally {
            pool.shutdownNow();
        }
        given().baseUri(Stack.url(Service.AUDIT)).header("X-API-Key", key).queryParam("limit", 1).get("/api/v1/audit-logs")
                .then().statusCode(429);
    }

    @Test
    void aLimitedKeysAnswersCarryTheIetfRateLimitHeadersAndOverTheLimitA429WithRetryAfter() {
        Session user = Users.signIn();
        int window = windowNotEndingSoon();
        String key = limitedKey(user, "sandbox", 3, window, "agents:read");
        String name = new RateLimitPolicy(3, window).name();

        Response first = given().header("X-API-Key", key).get("/api/v1/agents").then().statusCode(200).extract().response();
        assertThat(first.header("RateLimit-Policy")).isEqualTo("\"" + name + "\";q=3;w=" + window);
        Matcher state = RATE_LIMIT.matcher(first.header("RateLimit"));
        assertThat(state.matches()).as(first.header("RateLimit")).isTrue();
        assertThat(state.group(1)).isEqualTo(name);
        assertThat(Long.parseLong(state.group(2))).isEqualTo(2);
        assertThat(Long.parseLong(state.group(3))).isBetween(1L, (long) window);

        given().header("X-API-Key", key).get("/api/v1/agents").then().statusCode(200);
        given().header("X-API-Key", key).get("/api/v1/agents").then().statusCode(200);
        Response refused = given().header("X-API-Key", key).get("/api/v1/agents").then().statusCode(429)
                .contentType("application/problem+json").body("status", equalTo(429)).extract().response();
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        long windowEnds = new RateLimitPolicy(3, window).windowStart(Instant.now()) + window - Instant.now().getEpochSecond();
        assertThat(retryAfter).isBetween(Math.max(1, windowEnds - 5), windowEnds + 1);
        assertThat(refused.header("RateLimit-Policy")).isEqualTo("\"" + name + "\";q=3;w=" + window);
        assertThat(refused.header("RateLimit")).startsWith("\"" + name + "\";r=0;t=");
        assertThat(refused.asString()).doesNotContain(key);
    }

    @Test
    void goingOverTheLimitIsAuditedOncePerWindowNotOncePerRefusedRequest() {
        Session user = Users.signIn();
        int window = windowNotEndingSoon();
        Response created = createLimitedKey(user, "sandbox", 2, window, "agents:read");
        String key = created.path("key");
        for (int i = 0; i < 2; i++) {
            given().header("X-API-Key", key).get("/api/v1/agents").then().statusCode(200);
        }
        for (int i = 0; i < 10; i++) {
            given().header("X-API-Key", key).get("/api/v1/agents").then().statusCode(429);
        }
        List<Entry> trail = AuditTrail.await(user.accessToken(), e -> e.type().equals("rate_limit.exceeded"), 1,
                Duration.ofSeconds(30));
        List<Entry> exceeded = trail.stream().filter(e -> e.type().equals("rate_limit.exceeded")).toList();
        assertThat(exceeded).singleElement().satisfies(e -> {
            assertThat(e.actorType()).isEqualTo("api_key");
            assertThat(e.actorId()).isEqualTo(created.<String>path("id"));
            assertThat(e.outcome()).isEqualTo("failure");
            assertThat(e.details()).containsEntry("limit", 2).containsEntry("window_seconds", window);
        });
    }

    @Test
    void anAgentTokenSpendsItsKeysBudgetSoTokensAreNoWayAroundTheLimit() {
        Session user = Users.signIn();
        int window = windowNotEndingSoon();
        String key = limitedKey(user, "sandbox", 4, window, "agents:read");
        // the exchange is itself a call with the key: it spends one
        String token = Issued.secret(given().baseUri(Stack.entry()).header("X-API-Key", key).contentType(ContentType.URLENC)
                .formParam("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange")
                .post("/api/v1/auth/token").then().statusCode(200).extract().path("access_token"));
        for (int i = 0; i < 3; i++) {
            given().header("Authorization", "Bearer " + token).get("/api/v1/agents").then().statusCode(200);
        }
        given().header("Authorization", "Bearer " + token).get("/api/v1/agents").then().statusCode(429);
        given().header("X-API-Key", key).get("/api/v1/agents").then().statusCode(429);
    }

    @Test
    void aKeyExchangedAsSubjectTokenSpendsItsBudgetAndIsRefusedWithTheHeadersOfTheHeaderPath() {
        Session user = Users.signIn();
        int window = windowNotEndingSoon();
        String key = limitedKey(user, "sandbox", 2, window, "agents:read");
        String name = new RateLimitPolicy(2, window).name();
        for (int i = 0; i < 2; i++) {
            exchangeAsSubjectToken(key).then().statusCode(200)
                    .header("RateLimit", org.hamcrest.Matchers.startsWith("\"" + name + "\";r=" + (1 - i) + ";"));
        }
        exchangeAsSubjectToken(key).then().statusCode(429).body("error", equalTo("rate_limited"))
                .header("Retry-After", org.hamcrest.Matchers.matchesPattern("[1-9][0-9]*"))
                .header("RateLimit-Policy", org.hamcrest.Matchers.startsWith("\"" + name + "\";q=2;w=" + window))
                .header("RateLimit", org.hamcrest.Matchers.startsWith("\"" + name + "\";r=0;t="));
        given().header("X-API-Key", key).get("/api/v1/agents").then().statusCode(429);
    }

    private static Response exchangeAsSubjectToken(String key) {
        return given().baseUri(Stack.entry()).contentType(ContentType.URLENC)
                .formParam("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange")
                .formParam("subject_token", key)
                .formParam("subject_token_type", "urn:agentwallex:params:oauth:token-type:api-key")
                .post("/api/v1/auth/token");
    }

    @Test
    void aKeyWithoutLimitsIsNeverRefusedForVolumeAndGetsNoRateLimitHeaders() {
        Session user = Users.signIn();
        String key = Users.createKey(user, "sandbox", "agents:read").path("key");
        for (int i = 0; i < 30; i++) {
            Response answer = given().header("X-API-Key", key).get("/api/v1/agents").then().statusCode(200).extract().response();
            assertThat(answer.header("RateLimit-Policy")).isNull();
            assertThat(answer.header("RateLimit")).isNull();
        }
    }

    private static String limitedKey(Session user, String environment, long limit, int window, String... scopes) {
        return createLimitedKey(user, environment, limit, window, scopes).path("key");
    }

    private static Response createLimitedKey(Session user, String environment, long limit, int window, String... scopes) {
        Response created = user.bearer().contentType(ContentType.JSON)
                .body(Map.of("name", "limited", "environment", environment, "scopes", List.of(scopes),
                        "rate_limits", List.of(Map.of("limit", limit, "window_seconds", window))))
                .post("/api/v1/api-keys").then().statusCode(201)
                .body("rate_limits[0].limit", equalTo((int) limit)).extract().response();
        Issued.secret(created.path("key"));
        return created;
    }

    /**
     * Windows are fixed and aligned to the epoch: a window of an hour or a little more that has at
     * least ten minutes left, so that no test's budget is renewed while it runs.
     */
    private static int windowNotEndingSoon() {
        long now = Instant.now().getEpochSecond();
        int window = 3_600;
        while (now % window >= window - 600) {
            window += 60;
        }
        return window;
    }
}
