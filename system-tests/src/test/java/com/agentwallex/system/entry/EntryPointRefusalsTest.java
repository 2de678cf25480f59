package com.agentwallex.system.entry;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.agentwallex.system.support.RawHttp;
import com.agentwallex.system.support.Stack;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What the entry point refuses itself, before any service, is a problem document like the
 * services' own refusals, with the request id it logs: a client (the SDK, the dashboard) reads
 * every failure one way, and never gets nginx's HTML page, even for a request nginx cannot read.
 */
@QuarkusTest
@WithTestResource(value = Stack.class, scope = TestResourceScope.GLOBAL)
class EntryPointRefusalsTest {

    private static final Path LOGS = Path.of("target", "system");

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

    /**
     * A key pasted into a path the entry point refuses itself: its access log names no such URL, and its
     * error log (whose every line ends with the request line) keeps only what is critical.
     */
    @Test
    void aKeyPastedIntoARefusedPathIsInNeitherOfTheEntryPointsLogs() throws IOException {
        String pasted = "awx_sandbox_" + UUID.randomUUID().toString().replace("-", "").substring(0, 32) + "Q";
        assertProblem(given().baseUri(Stack.entry()).contentType("application/json").body(new byte[2 * 1024 * 1024])
                .post("/api/v1/api-keys/" + pasted + "/rotate"), 413);
        // nginx writes a request's log lines once it has answered: a later request's line shows they are written
        String marker = "/api/v1/no-such-thing-" + UUID.randomUUID();
        assertProblem(given().baseUri(Stack.entry()).get(marker), 404);
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(LOGS.resolve("nginx-access.log")).contains(marker));
        for (String log : List.of("nginx-access.log", "nginx-error.log")) {
            assertThat(Files.readString(LOGS.resolve(log))).as(log).doesNotContain(pasted);
        }
    }

    @Test
    void aRequestLineOver8KiBIsA414ProblemWithTheRequestId() {
        assertProblem(given().baseUri(Stack.entry()).get("/api/v1/audit-logs?action=" + "a".repeat(9000)), 414);
    }

    @Test
    void aHeaderOver8KiBIsA431ProblemWithTheRequestId() {
        assertProblem(given().baseUri(Stack.entry()).header("X-Padding", "a".repeat(9000))
                .get("/api/v1/audit-logs"), 431);
    }

    @Test
    void aPathWhosePercentEncodingCannotBeDecodedIsA400ProblemWithTheRequestId() throws IOException {
        RawHttp.assertProblem(RawHttp.get("/api/v1/api-keys/x%zz"), 400);
    }

    @Test
    void aRequestThatIsNotHttpIsA400ProblemWithTheRequestId() throws IOException {
        RawHttp.assertProblem(RawHttp.send("GET /api/v1/audit-logs HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n"), 400);
    }

    private static void assertProblem(Response answer, int status) {
        assertThat(answer.statusCode()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.<Integer>path("status")).isEqualTo(status);
        assertThat(answer.<String>path("request_id")).isNotBlank().isEqualTo(answer.header("X-Request-Id"));
    }
}
