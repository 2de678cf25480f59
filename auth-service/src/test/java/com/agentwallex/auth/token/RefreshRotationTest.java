package com.agentwallex.auth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.agentwallex.auth.support.Auth;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RefreshRotationTest {

    private final String jdbcUrl;

    RefreshRotationTest(@ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    @Test
    void everyRefreshRotatesTheToken() {
        Response signedIn = Auth.signedIn();
        String first = signedIn.jsonPath().getString("refresh_token");
        Response second = Auth.refresh(first);
        second.then().statusCode(200).body("token_type", equalTo("Bearer"));
        String next = second.jsonPath().getString("refresh_token");
        assertThat(next).startsWith("awx_rt_").isNotEqualTo(first);
        Auth.refresh(next).then().statusCode(200);
    }

    @Test
    void aSpentTokenPresentedAgainWithinTheGraceGetsTheSameSuccessor() {
        String first = Auth.signedIn().jsonPath().getString("refresh_token");
        String successor = Auth.refresh(first).jsonPath().getString("refresh_token");
        Response again = Auth.refresh(first);
        again.then().statusCode(200);
        assertThat(again.jsonPath().getString("refresh_token")).isEqualTo(successor);
        Auth.me(again.jsonPath().getString("access_token")).then().statusCode(200);
    }

    @Test
    void reuseAfterTheGraceRevokesTheWholeSession() {
        Response signedIn = Auth.signedIn();
        String first = signedIn.jsonPath().getString("refresh_token");
        Response rotated = Auth.refresh(first);
        String successor = rotated.jsonPath().getString("refresh_token");
        // the test profile's grace is 2 s
        Awaitility.await().pollDelay(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> Auth.refresh(first).then().statusCode(400));
        Auth.refresh(successor).then().statusCode(400);
        Auth.me(rotated.jsonPath().getString("access_token")).then().statusCode(401);
    }

    @Test
    void tenParallelRefreshesOfOneTokenNeverForkTheChain() throws Exception {
        String first = Auth.signedIn().jsonPath().getString("refresh_token");
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Future<Response>> results = IntStream.range(0, 10).mapToObj(i -> pool.submit(() -> Auth.refresh(first))).toList();
            Set<String> successors = new HashSet<>();
            for (Future<Response> r : results) {
                Response response = r.get();
                assertThat(response.statusCode()).isEqualTo(200);
                successors.add(response.jsonPath().getString("refresh_token"));
            }
            assertThat(successors).hasSize(1);
            Auth.refresh(successors.iterator().next()).then().statusCode(200);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void idleAndAbsoluteExpiryEndTheChain() throws Exception {
        String idle = Auth.signedIn().jsonPath().getString("refresh_token");
        String absolute = Auth.signedIn().jsonPath().getString("refresh_token");
        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", null)) {
            try (PreparedStatement s = db.prepareStatement(
                    "UPDATE refresh_token SET idle_expires_at = now() - interval '1 second' WHERE token_hash = ?")) {
                s.setString(1, com.agentwallex.auth.Ids.hash(idle));
                assertThat(s.executeUpdate()).isEqualTo(1);
            }
            try (PreparedStatement s = db.prepareStatement("UPDATE session SET absolute_expires_at = now() - interval '1 second'"
                    + " WHERE id = (SELECT session_id FROM refresh_token WHERE token_hash = ?)")) {
                s.setString(1, com.agentwallex.auth.Ids.hash(absolute));
                assertThat(s.executeUpdate()).isEqualTo(1);
            }
        }
        Auth.refresh(idle).then().statusCode(400);
        Auth.refresh(absolute).then().statusCode(400);
    }

    @Test
    void anAccessTokenGarbageOrAnEmptyBodyIsA400() {
        Auth.refresh(Auth.signedIn().jsonPath().getString("access_token")).then().statusCode(400);
        Auth.refresh("garbage").then().statusCode(400);
        Auth.refresh("").then().statusCode(400).body("parameter", equalTo("refresh_token"));
        io.restassured.RestAssured.given().contentType("application/json").body("{}").post("/api/v1/auth/refresh")
                .then().statusCode(400);
    }
}
