package com.agentwallex.common.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every call to apikey-service is a JSON POST as this service, whichever caller makes it. */
class ApiKeyServiceCallsTest {

    private HttpServer apikeyService;
    private final AtomicReference<Headers> headers = new AtomicReference<>();
    private final AtomicReference<String> body = new AtomicReference<>();
    private URI url;
    private final ApiKeyServiceCalls calls = new ApiKeyServiceCalls(Duration.ofSeconds(5), "awx_svc_test");

    @BeforeEach
    void start() throws IOException {
        apikeyService = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        apikeyService.createContext("/internal/v1/api-keys/verify", exchange -> {
            headers.set(exchange.getRequestHeaders());
            body.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] answer = "{\"valid\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        apikeyService.start();
        url = URI.create("http://127.0.0.1:" + apikeyService.getAddress().getPort() + "/internal/v1/api-keys/verify");
    }

    @AfterEach
    void stop() {
        apikeyService.stop(0);
    }

    @Test
    void aPostCarriesItsJsonAndTheServiceCredentialAndNoTrace() throws Exception {
        HttpResponse<byte[]> response = calls.post(url, ApiKeyServiceCalls.object().put("key_id", "key_1").put("n", 2)).get();
        assertThat(ApiKeyServiceCalls.read(response.body()).path("valid").asBoolean()).isTrue();
        assertThat(body.get()).isEqualTo("{\"key_id\":\"key_1\",\"n\":2}");
        assertThat(headers.get().getFirst("Content-Type")).isEqualTo("application/json");
        assertThat(headers.get().getFirst("Authorization")).isEqualTo("Bearer awx_svc_test");
        assertThat(headers.get().containsKey("traceparent")).isFalse();
    }

    @Test
    void aPostInTheCallersTraceCarriesItsTraceparent() throws Exception {
        SpanContext span = SpanContext.create("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
                TraceFlags.getSampled(), TraceState.getDefault());
        Scope scope = Span.wrap(span).makeCurrent();
        try {
            calls.postInCallersTrace(url, ApiKeyServiceCalls.object().put("key", "k")).get();
        } finally {
            scope.close();
        }
        assertThat(headers.get().getFirst("traceparent"))
                .isEqualTo("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    }

    @Test
    void aPostThatWaitsAnswersWithTheStatus() throws Exception {
        assertThat(calls.postAndWait(url, ApiKeyServiceCalls.object().set("uses", ApiKeyServiceCalls.array()))).isEqualTo(200);
        assertThat(body.get()).isEqualTo("{\"uses\":[]}");
        assertThat(headers.get().getFirst("Authorization")).isEqualTo("Bearer awx_svc_test");
    }

    @Test
    void anEndpointIsTheConfiguredUrlOrBesideTheVerifyUrl() {
        String verify = "http://apikey:8082/internal/v1/api-keys/verify";
        assertThat(ApiKeyServiceCalls.endpoint(Optional.empty(), verify, "usage"))
                .isEqualTo(URI.create("http://apikey:8082/internal/v1/api-keys/usage"));
        assertThat(ApiKeyServiceCalls.endpoint(Optional.of("http://other/leases"), verify, "rate-limit-leases"))
                .isEqualTo(URI.create("http://other/leases"));
    }
}
