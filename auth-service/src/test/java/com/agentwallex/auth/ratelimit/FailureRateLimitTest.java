package com.agentwallex.auth.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import com.agentwallex.auth.support.Auth;
import com.agentwallex.auth.support.TestKafka;
import com.agentwallex.contract.events.AuthEvent;
import com.agentwallex.contract.events.AuthEventCodec;
import com.agentwallex.contract.events.AuthEventType;
import com.agentwallex.contract.events.AuthTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(FailureRateLimitTest.FiveFailures.class)
class FailureRateLimitTest {

    public static class FiveFailures implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("awx.auth.rate-limit.failures-per-window", "5", "awx.auth.rate-limit.window", "PT30S");
        }
    }

    @Test
    void failedGrantsFromOneClientAreLimitedOnceAuditedAndASpoofedForwardedForDoesNotResetIt() throws Exception {
        String agent = "limit-" + UUID.randomUUID();
        for (int i = 0; i < 5; i++) {
            refresh(agent, "awx_rt_guess" + i).then().statusCode(400);
        }
        refresh(agent, "awx_rt_guess").then().statusCode(429).header("Retry-After", notNullValue())
                .contentType("application/problem+json").body("status", equalTo(429));
        RestAssured.given().header("User-Agent", agent).header("X-Forwarded-For", "198.51.100.77")
                .contentType("application/json").body(Map.of("exchange_code", "awx_ec_guess"))
                .post("/api/v1/auth/exchange").then().statusCode(429);

        List<AuthEvent> events = TestKafka.await(AuthTopics.AUTH_EVENTS,
                r -> new String(r.value(), StandardCharsets.UTF_8).contains(agent), 6, Duration.ofSeconds(20))
                .stream().map(r -> decode(r.value())).toList();
        assertThat(events).filteredOn(e -> e.type() == AuthEventType.TOKEN_REFRESH_FAILED).hasSize(5);
        assertThat(events).filteredOn(e -> e.type() == AuthEventType.RATE_LIMIT_EXCEEDED).singleElement()
                .satisfies(e -> assertThat(e.data().reason()).isEqualTo("too_many_failed_grants"));
    }

    @Test
    void refusedSignInsFromOneClientAreLimitedAndOnceOverTheLimitNoLongerAudited() throws Exception {
        String agent = "sign-in-limit-" + UUID.randomUUID();
        for (int i = 0; i < 5; i++) {
            signInFrom("127.0.0.73", agent).then().statusCode(400);
        }
        for (int i = 0; i < 3; i++) {
            signInFrom("127.0.0.73", agent).then().statusCode(429).header("Retry-After", notNullValue())
                    .contentType("application/problem+json");
        }
        // a page that made the browser send bad sign-ins did not lock it out of its grants
        refreshFrom("127.0.0.73", agent, "awx_rt_unknown").then().statusCode(400);

        List<AuthEvent> events = TestKafka.await(AuthTopics.AUTH_EVENTS,
                r -> new String(r.value(), StandardCharsets.UTF_8).contains(agent), 6, Duration.ofSeconds(20))
                .stream().map(r -> decode(r.value())).toList();
        assertThat(events).filteredOn(e -> e.type() == AuthEventType.LOGIN_FAILED).hasSize(5);
        assertThat(events).filteredOn(e -> e.type() == AuthEventType.RATE_LIMIT_EXCEEDED).singleElement()
                .satisfies(e -> assertThat(e.data().reason()).isEqualTo("too_many_failed_sign_ins"));
    }

    @Test
    void overTheLimitOnlyUnknownSecretsAreTurnedAwayAGoodGrantFromTheSameAddressStillWorks() throws Exception {
        String address = "127.0.0.74";
        String agent = "shared-address-" + UUID.randomUUID();
        String code = Auth.exchangeCode(Auth.newEmail());
        for (int i = 0; i < 5; i++) {
            refreshFrom(address, agent, "awx_rt_guess" + i).then().statusCode(400);
        }
        refreshFrom(address, agent, "awx_rt_guess").then().statusCode(429).header("Retry-After", notNullValue());

        // someone else behind the same address (an office NAT, a mobile carrier) signs in and refreshes as usual
        Response tokens = from(address).header("User-Agent", agent).contentType("application/json")
                .body(Map.of("exchange_code", code)).post("/api/v1/auth/exchange");
        tokens.then().statusCode(200);
        refreshFrom(address, agent, tokens.jsonPath().getString("refresh_token")).then().statusCode(200);
        refreshFrom(address, agent, "awx_rt_guess_again").then().statusCode(429);
    }

    /** Each grant takes its failure's place before its look-up: guesses sent together cannot all pass the check. */
    @Test
    void guessesSentTogetherGetNoMoreLookUpsThanTheLimit() throws Exception {
        String address = "127.0.0.75";
        String agent = "together-" + UUID.randomUUID();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String guess = "awx_rt_together" + i;
                answers.add(pool.submit(() -> {
                    start.await();
                    return refreshFrom(address, agent, guess).statusCode();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            assertThat(statuses).containsOnly(400, 429);
            assertThat(statuses).filteredOn(status -> status == 400).as("guesses looked up").hasSize(5);
        } finally {
            pool.shutdownNow();
        }
    }

    /** A sign-in start with a return_to off the allowlist, from {@code address} (a loopback address of its own). */
    private static Response signInFrom(String address, String agent) throws Exception {
        return from(address).redirects().follow(false).header("User-Agent", agent)
                .queryParam("return_to", "https://evil.example/auth/callback").get("/auth/google/redirect");
    }

    private static Response refreshFrom(String address, String agent, String token) throws Exception {
        return from(address).header("User-Agent", agent).contentType("application/json")
                .body(Map.of("refresh_token", token)).post("/api/v1/auth/refresh");
    }

    private static io.restassured.specification.RequestSpecification from(String address) throws Exception {
        return RestAssured.given().config(RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
                .setParam("http.route.local-address", InetAddress.getByName(address))));
    }

    private static Response refresh(String agent, String token) {
        return RestAssured.given().header("User-Agent", agent).contentType("application/json")
                .body(Map.of("refresh_token", token)).post("/api/v1/auth/refresh");
    }

    private static AuthEvent decode(byte[] value) {
        try {
            return AuthEventCodec.decode(value);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
