package com.agentwallex.auth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.agentwallex.auth.Ids;
import com.agentwallex.auth.support.Auth;
import com.agentwallex.auth.support.Database;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RefreshRotationTest {

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
    void aTokenPresentedAgainWithinTheGraceAfterItsSuccessorWasRefreshedIsRefusedAndTheSessionLivesOn() {
        String first = Auth.signedIn().jsonPath().getString("refresh_token");
        String second = Auth.refresh(first).jsonPath().getString("refresh_token");
        String third = Auth.refresh(second).then().statusCode(200).extract().jsonPath().getString("refresh_token");
        // A tab that lost the first refresh's answer retries it: the successor it would get is spent,
        // and handing it out would make that tab's next refresh a reuse that ends the session.
        Auth.refresh(first).then().statusCode(400).body("type", equalTo("https://docs.agentwallex.com/problems/invalid_grant"));
        Auth.refresh(third).then().statusCode(200);
    }

    @Test
    void theReuseGraceIsTheConfiguredDefaultOfTenSeconds() {
        String first = Auth.signedIn().jsonPath().getString("refresh_token");
        String successor = Auth.refresh(first).jsonPath().getString("refresh_token");
        Database.spentAgo(first, Duration.ofSeconds(9));
        assertThat(Auth.refresh(first).then().statusCode(200).extract().jsonPath().getString("refresh_token"))
                .isEqualTo(successor);
        Database.spentAgo(first, Duration.ofSeconds(11));
        Auth.refresh(first).then().statusCode(400);
        Auth.refresh(successor).then().statusCode(400);
    }

    @Test
    void reuseAfterTheGraceRevokesTheWholeSession() {
        Response signedIn = Auth.signedIn();
        String first = signedIn.jsonPath().getString("refresh_token");
        Response rotated = Auth.refresh(first);
        String successor = rotated.jsonPath().getString("refresh_token");
        Database.spentLongAgo(first);
        Auth.refresh(first).then().statusCode(400);
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
    void idleAndAbsoluteExpiryEndTheChain() {
        String idle = Auth.signedIn().jsonPath().getString("refresh_token");
        String absolute = Auth.signedIn().jsonPath().getString("refresh_token");
        Database.update("UPDATE refresh_token SET idle_expires_at = now() - interval '1 second' WHERE token_hash = ?",
                Ids.hash(idle));
        Database.update("UPDATE session SET absolute_expires_at = now() - interval '1 second'"
                + " WHERE id = (SELECT session_id FROM refresh_token WHERE token_hash = ?)", Ids.hash(absolute));
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
