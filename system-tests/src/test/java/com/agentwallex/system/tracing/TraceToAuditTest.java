package com.agentwallex.system.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import com.agentwallex.system.support.AuditTrail;
import com.agentwallex.system.support.AuditTrail.Entry;
import com.agentwallex.system.support.Issued;
import com.agentwallex.system.support.Stack;
import com.agentwallex.system.support.Stack.Service;
import com.agentwallex.system.support.Users;
import com.agentwallex.system.support.Users.Session;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * One trace, from a client's W3C {@code traceparent} through the entry point and a service, into
 * the event on Kafka and the row audit-service stores, back out of GET /api/v1/audit-logs: an
 * operator holding a trace id finds its audit rows, and the reverse. Recording and exporting spans
 * is off by default and switched on at run time, on the packaged service, by its environment.
 */
@QuarkusTest
@WithTestResource(value = Stack.class, scope = TestResourceScope.GLOBAL)
class TraceToAuditTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration A_WHILE = Duration.ofSeconds(30);

    @Test
    void theCallersTraceIdReachesTheStoredAuditRowOfEachServiceAndTheAuditApiShowsIt() {
        Session user = Users.signIn();
        Caller keyCall = new Caller();
        String keyId = createKey(user.bearer().header("traceparent", keyCall.traceparent()));
        Caller refreshCall = new Caller();
        Response refreshed = user.api().header("traceparent", refreshCall.traceparent()).contentType(ContentType.JSON)
                .body(Map.of("refresh_token", user.refreshToken())).post("/api/v1/auth/refresh")
                .then().statusCode(200).extract().response();
        Issued.secret(refreshed.path("access_token"));
        Issued.secret(refreshed.path("refresh_token"));

        Entry created = awaitEntry(user, e -> e.type().equals("api_key.created") && keyId.equals(e.resourceId()));
        Entry refresh = awaitEntry(user, e -> e.type().equals("auth.token.refreshed"));

        // apikey-service's row and auth-service's row, each under the trace its caller started
        keyCall.assertParentOf(created.traceparent(), "00");
        refreshCall.assertParentOf(refresh.traceparent(), "00");
    }

    @Test
    void recordingSwitchedOnAtRunTimeExportsTheSpansOfTheTraceTheAuditRowNames() throws IOException {
        Collector collector = Collector.start();
        Session user = Users.signIn();
        Caller caller = new Caller();
        // the same jar as the stack's, only its environment differs
        try (Stack.Replica traced = Stack.replica(Service.APIKEY, Map.of(
                "AWX_OTEL_SAMPLE_RATIO", "1",
                "AWX_OTEL_ENDPOINT", collector.url(),
                "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf",
                "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "100ms"))) {
            String keyId = createKey(RestAssured.given().baseUri(traced.url())
                    .header("Authorization", "Bearer " + user.accessToken())
                    .header("traceparent", caller.traceparent()));

            Awaitility.await().atMost(A_WHILE).pollInterval(Duration.ofMillis(100))
                    .until(() -> collector.received(caller.traceId));
            Entry created = awaitEntry(user, e -> e.type().equals("api_key.created") && keyId.equals(e.resourceId()));
            // sampled: the span the row names was recorded, and is among those exported
            caller.assertParentOf(created.traceparent(), "01");
        } finally {
            collector.stop();
        }
    }

    private static String createKey(RequestSpecification request) {
        Response created = request.contentType(ContentType.JSON)
                .body(Map.of("name", "traced", "environment", "production", "scopes", List.of("audit:read")))
                .post("/api/v1/api-keys").then().statusCode(201).extract().response();
        Issued.secret(created.path("key"));
        return created.path("id");
    }

    private static Entry awaitEntry(Session user, java.util.function.Predicate<Entry> match) {
        return Awaitility.await().atMost(A_WHILE).pollInterval(Duration.ofMillis(250))
                .until(() -> AuditTrail.read(user.accessToken()).stream().filter(match).findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
    }

    /** A client that starts a trace: its trace id and the id of its own (client) span. */
    private static final class Caller {
        final String traceId = hex(16);
        final String spanId = hex(8);

        String traceparent() {
            return "00-" + traceId + "-" + spanId + "-01";
        }

        /** {@code stored} names our server span: the caller's trace, a span of its own, the given flags. */
        void assertParentOf(String stored, String flags) {
            assertThat(stored).as("stored traceparent").matches("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
            String[] parts = stored.split("-");
            assertThat(parts[1]).as("trace id").isEqualTo(traceId);
            assertThat(parts[2]).as("span id: the service's own span, not the caller's").isNotEqualTo(spanId);
            assertThat(parts[3]).as("trace flags (01: recorded)").isEqualTo(flags);
        }

        private static String hex(int bytes) {
            byte[] b = new byte[bytes];
            RANDOM.nextBytes(b);
            b[0] |= 1; // all zeros is an invalid id in W3C trace context
            return HexFormat.of().formatHex(b);
        }
    }

    /** An OTLP/HTTP collector that keeps what it is sent (protobuf, uncompressed by default). */
    private static final class Collector {
        private final HttpServer server;
        private final Queue<byte[]> exports = new ConcurrentLinkedQueue<>();

        private Collector(HttpServer server) {
            this.server = server;
        }

        static Collector start() throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            Collector collector = new Collector(server);
            server.createContext("/v1/traces", exchange -> {
                collector.exports.add(exchange.getRequestBody().readAllBytes());
                exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, -1); // an empty ExportTraceServiceResponse
                exchange.close();
            });
            server.start();
            return collector;
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        /** Whether a span of this trace arrived: spans carry their trace id as its 16 raw bytes. */
        boolean received(String traceId) {
            byte[] id = HexFormat.of().parseHex(traceId);
            return exports.stream().anyMatch(body -> indexOf(body, id) >= 0);
        }

        void stop() {
            server.stop(0);
        }

        private static int indexOf(byte[] body, byte[] part) {
            for (int i = 0; i + part.length <= body.length; i++) {
                if (Arrays.equals(body, i, i + part.length, part, 0, part.length)) {
                    return i;
                }
            }
            return -1;
        }
    }
}
