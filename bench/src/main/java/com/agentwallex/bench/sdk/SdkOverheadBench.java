package com.agentwallex.bench.sdk;

import com.agentwallex.contract.apikey.ApiKeyFormat;
import com.agentwallex.sdk.AgentWallex;
import com.agentwallex.sdk.AuditEvent;
import com.agentwallex.sdk.AuditLogQuery;
import com.agentwallex.sdk.Caller;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the SDK adds to a call: the same request to the same endpoint, once through the SDK and once
 * as a bare JDK HttpClient request, on one kept-alive connection. The endpoint is the JDK's own
 * HTTP server in this process answering with recorded-shape bodies (a key's {@code /me}, a page of
 * 50 audit events), so the server's cost is the same small constant on both sides and the
 * difference is the SDK's: building the request, checking the answer, mapping JSON to records.
 * The bare side reads the body into a Jackson tree, the least a caller without the SDK would do.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SdkOverheadBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private HttpServer server;
    private HttpClient http;
    private AgentWallex sdk;
    private String key;
    private HttpRequest bareMe;
    private HttpRequest barePage;
    private AuditLogQuery page;

    @Setup(Level.Trial)
    public void start() throws IOException {
        key = ApiKeyFormat.generate(ApiKeyFormat.Environment.PRODUCTION);
        byte[] me = ("{\"type\":\"api_key\",\"api_key\":{\"id\":\"key_" + UUID.randomUUID()
                + "\",\"environment\":\"production\",\"scopes\":[\"audit:read\"]},\"organization\":{\"id\":\"org_"
                + UUID.randomUUID() + "\",\"name\":\"Bench\",\"plan\":\"free\"}}").getBytes(StandardCharsets.UTF_8);
        byte[] events = auditPage(50).getBytes(StandardCharsets.UTF_8);
        // without it the server's header and body writes meet delayed ACKs: 40 ms a request on both sides
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        serve("/api/v1/auth/me", me);
        serve("/api/v1/audit-logs", events);
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        sdk = AgentWallex.builder().apiKey(key).baseUrl(base).httpClient(http).build();
        bareMe = HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/me")).header("X-API-Key", key).GET().build();
        barePage = HttpRequest.newBuilder(URI.create(base + "/api/v1/audit-logs?type=api_key.used&limit=50"))
                .header("X-API-Key", key).GET().build();
        page = AuditLogQuery.all().type("api_key.used").pageSize(50);
    }

    private void serve(String path, byte[] json) {
        server.createContext(path, exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, json.length);
            exchange.getResponseBody().write(json);
            exchange.close();
        });
    }

    @TearDown(Level.Trial)
    public void stop() {
        server.stop(0);
    }

    @Benchmark
    public JsonNode bareMe() throws Exception {
        return JSON.readTree(http.send(bareMe, HttpResponse.BodyHandlers.ofByteArray()).body());
    }

    @Benchmark
    public Caller sdkMe() {
        return sdk.me();
    }

    @Benchmark
    public JsonNode bareAuditPage() throws Exception {
        return JSON.readTree(http.send(barePage, HttpResponse.BodyHandlers.ofByteArray()).body());
    }

    /** The first page of 50 events: what one iteration step that fetches a page costs. */
    @Benchmark
    public AuditEvent sdkAuditPage() {
        return sdk.auditLogs().list(page).iterator().next();
    }

    /** A page as audit-service answers it: events with every member, newest first, and a next cursor. */
    private static String auditPage(int size) {
        StringJoiner data = new StringJoiner(",", "{\"data\":[", "],\"has_more\":true,\"next_cursor\":\"" + UUID.randomUUID() + "\"}");
        Instant time = Instant.parse("2026-12-04T12:00:00Z");
        for (int i = 0; i < size; i++) {
            String keyId = "key_" + UUID.randomUUID();
            data.add("{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"api_key.used\",\"time\":\"" + time.minusSeconds(60L * i)
                    + "\",\"source\":\"apikey-service\",\"subject\":\"" + keyId + "\",\"org_id\":\"org_bench\","
                    + "\"actor\":{\"type\":\"api_key\",\"id\":\"" + keyId + "\"},\"outcome\":\"success\",\"reason\":null,"
                    + "\"client_ip\":\"203.0.113.7\",\"user_agent\":\"agent/1.0\",\"request_id\":\"" + UUID.randomUUID()
                    + "\",\"resource\":{\"type\":\"api_key\",\"id\":\"" + keyId + "\"},\"details\":{\"count\":" + (i + 1)
                    + "},\"traceparent\":null}");
        }
        return data.toString();
    }
}
