package com.agentwallex.system.tracing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.agentwallex.system.support.Stack;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/**
 * The request id a client quotes is the one in the entry point's log and in the service's answer:
 * the entry point and the services agree on which offered ids they keep.
 */
@QuarkusTest
@WithTestResource(value = Stack.class, scope = TestResourceScope.GLOBAL)
class RequestIdTest {

    private static Response unauthenticated(String requestId) {
        Response answer = given().baseUri(Stack.entry()).header("X-Request-Id", requestId).get("/api/v1/auth/me");
        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.<String>path("request_id")).isEqualTo(answer.header("X-Request-Id"));
        return answer;
    }

    @Test
    void aSaneOfferedIdIsKeptThroughTheEntryPointAndTheService() {
        String offered = "client-" + "a".repeat(57);
        assertThat(unauthenticated(offered).header("X-Request-Id")).isEqualTo(offered);
    }

    @Test
    void anIdTooLongForTheServicesIsReplacedByTheEntryPointsOwnWhichTheServiceKeeps() {
        // 65 characters: the entry point kept these (up to 128) while the services made up another.
        String answered = unauthenticated("client-" + "a".repeat(58)).header("X-Request-Id");
        assertThat(answered).as("nginx's $request_id, not a service's UUID").matches("[0-9a-f]{32}");
    }
}
