package com.agentwallex.system.entry;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.agentwallex.system.support.Stack;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/**
 * What the entry point refuses itself, before any service, is a problem document like the
 * services' own refusals, with the request id it logs: a client (the SDK, the dashboard) reads
 * every failure one way, and never gets nginx's HTML page.
 */
@QuarkusTest
@WithTestResource(value = Stack.class, scope = TestResourceScope.GLOBAL)
class EntryPointRefusalsTest {

    @Test
    void aPathNoServiceServesIsA404ProblemWithTheRequestId() {
        assertProblem(given().baseUri(Stack.entry()).get("/api/v1/no-such-thing"), 404);
    }

    @Test
    void aBodyOverTheEntryPointsLimitIsA413ProblemWithTheRequestId() {
        byte[] body = new byte[2 * 1024 * 1024];
        assertProblem(given().baseUri(Stack.entry()).contentType("application/json").body(body)
                .post("/api/v1/auth/exchange"), 413);
    }

    private static void assertProblem(Response answer, int status) {
        assertThat(answer.statusCode()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.<Integer>path("status")).isEqualTo(status);
        assertThat(answer.<String>path("request_id")).isNotBlank().isEqualTo(answer.header("X-Request-Id"));
    }
}
