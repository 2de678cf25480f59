package com.agentwallex.auth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.agentwallex.auth.Ids;
import com.agentwallex.auth.support.Auth;
import com.agentwallex.auth.support.Database;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ExchangeCodeTest {

    @Test
    void aSecondUseOfACodeIsInvalidGrantAndRevokesWhatTheFirstUseIssued() {
        String code = Auth.exchangeCode(Auth.newEmail());
        Response first = Auth.exchange(code);
        first.then().statusCode(200);
        Auth.exchange(code).then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://docs.agentwallex.com/problems/invalid_grant"));
        Auth.refresh(first.jsonPath().getString("refresh_token")).then().statusCode(400);
        Auth.me(first.jsonPath().getString("access_token")).then().statusCode(401);
    }

    @Test
    void twentyParallelUsesOfOneCodeYieldExactlyOneSuccess() throws Exception {
        String code = Auth.exchangeCode(Auth.newEmail());
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<Integer>> results = IntStream.range(0, 20)
                    .mapToObj(i -> pool.submit(() -> Auth.exchange(code).statusCode())).toList();
            long ok = 0;
            for (Future<Integer> r : results) {
                int status = r.get();
                assertThat(status).isIn(200, 400);
                ok += status == 200 ? 1 : 0;
            }
            assertThat(ok).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anExpiredCodeIsInvalidGrant() {
        String code = Auth.exchangeCode(Auth.newEmail());
        Database.update("UPDATE exchange_code SET expires_at = now() - interval '1 second' WHERE code_hash = ?", Ids.hash(code));
        Auth.exchange(code).then().statusCode(400).body("detail", equalTo("The exchange code has expired."));
    }

    @Test
    void anUnknownOrMalformedCodeIsA400NeverA500() {
        Auth.exchange("awx_ec_" + "A".repeat(43)).then().statusCode(400);
        Auth.exchange("").then().statusCode(400).body("parameter", equalTo("exchange_code"));
        Auth.exchange("x".repeat(10_000)).then().statusCode(400);
        io.restassured.RestAssured.given().contentType("application/json").body("{not json").post("/api/v1/auth/exchange")
                .then().statusCode(400);
        io.restassured.RestAssured.given().contentType("application/json").post("/api/v1/auth/exchange")
                .then().statusCode(400);
        io.restassured.RestAssured.given().contentType("application/json").body("{\"exchange_code\":[1,2]}")
                .post("/api/v1/auth/exchange").then().statusCode(400);
    }
}
