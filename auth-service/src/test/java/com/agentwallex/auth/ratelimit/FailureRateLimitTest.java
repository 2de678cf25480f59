package com.agentwallex.auth.ratelimit;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import com.agentwallex.auth.support.Auth;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import java.util.Map;
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
    void failedGrantsFromOneClientAreLimitedAndASpoofedForwardedForDoesNotResetIt() {
        for (int i = 0; i < 5; i++) {
            Auth.refresh("awx_rt_guess" + i).then().statusCode(400);
        }
        Auth.refresh("awx_rt_guess").then().statusCode(429).header("Retry-After", notNullValue())
                .contentType("application/problem+json").body("status", equalTo(429));
        RestAssured.given().header("X-Forwarded-For", "198.51.100.77").contentType("application/json")
                .body(Map.of("exchange_code", "awx_ec_guess")).post("/api/v1/auth/exchange").then().statusCode(429);
    }
}
