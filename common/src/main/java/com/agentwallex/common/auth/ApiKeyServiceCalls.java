package com.agentwallex.common.auth;

import com.agentwallex.common.events.Traceparent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * How request authentication calls apikey-service's internal endpoints (verify, usage reports,
 * rate-limit leases): a JSON POST as this service (its service credential as a Bearer token),
 * within the configured timeout. What an answer means is each caller's business. Each caller
 * keeps its own instance, and so its own connections.
 */
final class ApiKeyServiceCalls {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Duration timeout;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    ApiKeyServiceCalls(RequestAuthConfig.ApiKeys config) {
        this(config.timeout(), config.serviceCredential().orElse(""));
    }

    ApiKeyServiceCalls(Duration timeout, String serviceCredential) {
        this.timeout = timeout;
        this.authorization = "Bearer " + serviceCredential;
    }

    /** An endpoint: the configured URL, or {@code name} beside the verify URL. */
    static URI endpoint(Optional<String> configured, String verifyUrl, String name) {
        return URI.create(configured.orElseGet(() -> URI.create(verifyUrl).resolve(name).toString()));
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static ArrayNode array() {
        return JSON.createArrayNode();
    }

    static JsonNode read(byte[] json) throws IOException {
        return JSON.readTree(json);
    }

    /** Posts without waiting; a body that cannot be written fails the call like any other failure. */
    CompletableFuture<HttpResponse<byte[]>> post(URI url, ObjectNode body) {
        return send(url, body, false);
    }

    /**
     * Posts in the caller's trace: the JDK client is not instrumented, so the traceparent is carried
     * by hand and apikey-service's work joins the request that needed it.
     */
    CompletableFuture<HttpResponse<byte[]>> postInCallersTrace(URI url, ObjectNode body) {
        return send(url, body, true);
    }

    /** Posts and waits, for callers on their own thread; the answer's status. */
    int postAndWait(URI url, ObjectNode body) throws IOException, InterruptedException {
        return http.send(request(url, body, false), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private CompletableFuture<HttpResponse<byte[]>> send(URI url, ObjectNode body, boolean traced) {
        HttpRequest request;
        try {
            request = request(url, body, traced);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpRequest request(URI url, ObjectNode body, boolean traced) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        String traceparent = traced ? Traceparent.current() : null;
        if (traceparent != null) {
            request.header("traceparent", traceparent);
        }
        return request.build();
    }
}
