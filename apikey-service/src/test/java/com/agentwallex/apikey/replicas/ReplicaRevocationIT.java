package com.agentwallex.apikey.replicas;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.agentwallex.apikey.support.KeysApi;
import com.agentwallex.common.testing.TestJwtKeys;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two real instances of the packaged service on one database and one Kafka, as in a deployment
 * with two replicas. Instance B caches answers for a minute here (the longest a verify cache may
 * live), so only the revocation it hears on Kafka can explain a change it reports within the five
 * seconds the issue allows.
 */
class ReplicaRevocationIT {

    private static final Duration PROPAGATION = Duration.ofSeconds(5);
    private static final List<Process> PROCESSES = new ArrayList<>();
    private static String a;
    private static String b;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        String jwks = new TestJwtKeys().start().get("awx.request-auth.tokens.jwks-url");
        a = start("a", jwks);
        b = start("b", jwks);
        for (String base : List.of(a, b)) {
            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                    .until(() -> given().baseUri(base).get("/q/health/ready").statusCode() == 200);
        }
    }

    @AfterAll
    static void stopInstances() {
        PROCESSES.forEach(Process::destroy);
    }

    @Test
    void aKeyRevokedOnOneInstanceFailsOnTheOtherWithinFiveSeconds() {
        String org = KeysApi.newOrg();
        Response key = cachedOnB(org);
        assertThat(code(a, key.path("key"), "agents:read")).isEqualTo("VALID");

        KeysApi.as(org, "free").baseUri(a).delete("/api/v1/api-keys/" + key.path("id")).then().statusCode(204);
        awaitOnB(key.path("key"), "REVOKED");
    }

    @Test
    void aScopeRemovedOnOneInstanceIsMissingOnTheOtherWithinFiveSeconds() {
        String org = KeysApi.newOrg();
        Response key = cachedOnB(org);

        KeysApi.as(org, "free").baseUri(a).body(Map.of("scopes", List.of("wallets:read")))
                .patch("/api/v1/api-keys/" + key.path("id")).then().statusCode(200);
        awaitOnB(key.path("key"), "INSUFFICIENT_SCOPE");
    }

    @Test
    void aKeyRotatedWithoutGraceOnOneInstanceIsExpiredOnTheOtherWithinFiveSeconds() {
        String org = KeysApi.newOrg();
        Response key = cachedOnB(org);

        String successor = KeysApi.as(org, "free").baseUri(a).body(Map.of("grace_period_seconds", 0))
                .post("/api/v1/api-keys/" + key.path("id") + "/rotate").then().statusCode(201).extract().path("key");
        awaitOnB(key.path("key"), "EXPIRED");
        assertThat(code(b, successor, "agents:read")).isEqualTo("VALID");
    }

    /** Instance B answers {@code key} with {@code expected} within the propagation time the issue allows. */
    private static void awaitOnB(String key, String expected) {
        Awaitility.await().atMost(PROPAGATION).pollInterval(Duration.ofMillis(100))
                .until(() -> code(b, key, "agents:read").equals(expected));
    }

    /**
     * A sandbox key created on instance A that instance B has answered VALID once, so B holds that
     * answer in its cache: only a revocation heard on Kafka can change what B says next.
     */
    private static Response cachedOnB(String org) {
        Response key = KeysApi.as(org, "free").baseUri(a).body(KeysApi.body("sandbox", "agents:read"))
                .post("/api/v1/api-keys").then().statusCode(201).extract().response();
        assertThat(code(b, key.path("key"), "agents:read")).isEqualTo("VALID");
        return key;
    }

    private static String code(String base, String key, String scope) {
        return given().baseUri(base).header("Authorization", "Bearer " + KeysApi.SERVICE_CREDENTIAL)
                .contentType(ContentType.JSON)
                .body(Map.of("key", key, "client_ip", KeysApi.freshIp(), "required_scopes", List.of(scope)))
                .post("/internal/v1/api-keys/verify").then().statusCode(200).extract().path("code");
    }

    private static String start(String name, String jwks) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String db = System.getProperty("awx.it.db-url", "jdbc:postgresql://127.0.0.1:5432/awx_apikey_test");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.datasource.jdbc.url=" + db,
                "-Dawx.apikey.hash-secret=test-only-key-hash-secret-0123456789abcdef",
                "-Dawx.apikey.verify.service-credentials=" + KeysApi.SERVICE_CREDENTIAL,
                "-Dawx.apikey.verify.cache-ttl=PT60S",
                "-Dawx.request-auth.tokens.jwks-url=" + jwks,
                "-jar", Path.of("target", "quarkus-app", "quarkus-run.jar").toString());
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(Path.of("target", "replica-" + name + ".log").toFile())
                .start();
        PROCESSES.add(process);
        return "http://127.0.0.1:" + port;
    }
}
