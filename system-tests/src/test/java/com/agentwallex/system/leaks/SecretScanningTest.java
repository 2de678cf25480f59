package com.agentwallex.system.leaks;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.agentwallex.contract.apikey.ApiKeyFormat;
import com.agentwallex.system.support.AuditTrail;
import com.agentwallex.system.support.AuditTrail.Entry;
import com.agentwallex.system.support.SecretScanningReporter;
import com.agentwallex.system.support.Stack;
import com.agentwallex.system.support.Users;
import com.agentwallex.system.support.Users.Session;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Leaked-key reports in GitHub's secret scanning partner format, through the entry point: only a
 * report signed by a key the reporter publishes is believed, a live key it names stops working
 * everywhere at once and its owner sees why, and the answer labels every token.
 */
@QuarkusTest
@WithTestResource(value = Stack.class, scope = TestResourceScope.GLOBAL)
class SecretScanningTest {

    private static final String PATH = "/api/v1/secret-scanning/reports";
    private static final String LEAK_URL = "https://github.com/someone/agent/blob/abc123/.env";

    @Test
    void aSignedReportRevokesTheLiveKeyItNamesAtOnceAndLabelsEveryToken() throws Exception {
        Session user = Users.signIn();
        Response live = Users.createKey(user, "production", "audit:read");
        Response revoked = Users.createKey(user, "production", "audit:read");
        Users.revokeKey(user, revoked.path("id"));
        String liveKey = live.path("key");
        given().baseUri(Stack.entry()).header("X-API-Key", liveKey).get("/api/v1/audit-logs").then().statusCode(200);
        String lookAlike = liveKey.substring(0, liveKey.length() - 1) + (liveKey.endsWith("A") ? "B" : "A");
        String unknown = ApiKeyFormat.generate(ApiKeyFormat.Environment.SANDBOX);

        byte[] body = report(liveKey, revoked.path("key"), lookAlike, unknown);
        List<Map<String, String>> verdicts = signed(body).post(PATH).then().statusCode(200).extract().jsonPath().getList("$");

        assertThat(verdicts).extracting(v -> v.get("token_hash"))
                .containsExactly(sha256(liveKey), sha256(revoked.path("key")), sha256(lookAlike), sha256(unknown));
        assertThat(verdicts).extracting(v -> v.get("label"))
                .containsExactly("true_positive", "true_positive", "false_positive", "false_positive");
        assertThat(verdicts).extracting(v -> v.get("token_type")).containsOnly("agentwallex_api_key");

        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() ->
                given().baseUri(Stack.url(Stack.Service.AUDIT)).header("X-API-Key", liveKey)
                        .get("/api/v1/audit-logs").statusCode() == 401);
        List<Entry> trail = AuditTrail.await(user.accessToken(), e -> e.type().equals("api_key.leaked"), 1,
                Duration.ofSeconds(30));
        assertThat(trail).filteredOn(e -> e.type().equals("api_key.leaked")).singleElement().satisfies(e -> {
            assertThat(e.resourceId()).isEqualTo(live.<String>path("id"));
            assertThat(e.actorType()).isEqualTo("service");
            assertThat(e.details()).containsEntry("url", LEAK_URL);
        });
        user.bearer().get("/api/v1/api-keys/" + live.path("id")).then().statusCode(200)
                .body("revoked_at", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void anUnsignedOrBadlySignedReportIs401AndRevokesNothing() throws Exception {
        Session user = Users.signIn();
        String key = Users.createKey(user, "production", "audit:read").path("key");
        byte[] body = report(key);

        given().baseUri(Stack.entry()).contentType("application/json").body(body).post(PATH).then().statusCode(401);
        given().baseUri(Stack.entry()).contentType("application/json").body(body)
                .header("Github-Public-Key-Identifier", SecretScanningReporter.KEY_ID)
                .header("Github-Public-Key-Signature", SecretScanningReporter.signWithAnotherKey(body))
                .post(PATH).then().statusCode(401);
        given().baseUri(Stack.entry()).contentType("application/json").body(body)
                .header("Github-Public-Key-Identifier", "nobody-publishes-this")
                .header("Github-Public-Key-Signature", Stack.reporter().sign(body))
                .post(PATH).then().statusCode(401);
        byte[] tampered = report(Users.createKey(user, "production", "audit:read").<String>path("key"));
        given().baseUri(Stack.entry()).contentType("application/json").body(tampered)
                .header("Github-Public-Key-Identifier", SecretScanningReporter.KEY_ID)
                .header("Github-Public-Key-Signature", Stack.reporter().sign(body))
                .post(PATH).then().statusCode(401).body("type", org.hamcrest.Matchers.endsWith("invalid_signature"));

        given().baseUri(Stack.entry()).header("X-API-Key", key).get("/api/v1/audit-logs").then().statusCode(200);
    }

    @Test
    void aSignedReportOfAsManyTokensAsAReportMayCarryIsTakenWhole() throws Exception {
        Session user = Users.signIn();
        String liveKey = Users.createKey(user, "production", "audit:read").path("key");
        String[] tokens = new String[1000]; // apikey-service's default awx.apikey.secret-scanning.max-tokens
        for (int i = 0; i < tokens.length - 1; i++) {
            tokens[i] = ApiKeyFormat.generate(ApiKeyFormat.Environment.PRODUCTION);
        }
        tokens[tokens.length - 1] = liveKey;
        byte[] body = report(tokens);
        assertThat(body.length).as("a report's size").isGreaterThan(64 * 1024);

        List<Map<String, String>> verdicts = signed(body).post(PATH).then().statusCode(200).extract().jsonPath().getList("$");

        assertThat(verdicts).hasSize(1000);
        assertThat(verdicts.get(999)).containsEntry("label", "true_positive");
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() ->
                given().baseUri(Stack.url(Stack.Service.AUDIT)).header("X-API-Key", liveKey)
                        .get("/api/v1/audit-logs").statusCode() == 401);
    }

    @Test
    void aSignedReportThatIsNotAListOfTokensIsAClear400() {
        for (String body : List.of("{\"token\":\"awx_x\"}", "[null]")) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            signed(bytes).post(PATH).then().statusCode(400).body("status", equalTo(400));
        }
    }

    @Test
    void aReportWhoseUrlIsHugeOrHoldsControlCharactersStillRevokesTheKeyAndIsAuditedCut() throws Exception {
        Session user = Users.signIn();
        Response live = Users.createKey(user, "production", "audit:read");
        String url = LEAK_URL + "?q=\u0000" + "x".repeat(100_000);
        byte[] body = new ObjectMapper().writeValueAsBytes(List.of(Map.of("token", live.<String>path("key"),
                "type", "agentwallex_api_key", "url", url, "source", "content")));
        signed(body).post(PATH).then().statusCode(200).body("[0].label", equalTo("true_positive"));

        user.bearer().get("/api/v1/api-keys/" + live.path("id")).then().statusCode(200)
                .body("revoked_at", org.hamcrest.Matchers.notNullValue());
        List<Entry> trail = AuditTrail.await(user.accessToken(), e -> e.type().equals("api_key.leaked"), 1,
                Duration.ofSeconds(30));
        assertThat(trail).filteredOn(e -> e.type().equals("api_key.leaked")).singleElement()
                .satisfies(e -> assertThat((String) e.details().get("url")).startsWith(LEAK_URL + "?q=xxx").hasSize(2_049));
    }

    @Test
    void reportsFromOneAddressAreRateLimited() {
        byte[] body = "[]".getBytes(StandardCharsets.UTF_8);
        int status = 0;
        for (int i = 0; i < 61 && status != 429; i++) {
            status = Stack.entryFrom("127.0.0.61").contentType("application/json").body(body).post(PATH).statusCode();
        }
        assertThat(status).isEqualTo(429);
        Stack.entryFrom("127.0.0.61").contentType("application/json").body(body).post(PATH).then().statusCode(429)
                .header("Retry-After", org.hamcrest.Matchers.notNullValue());
    }

    private static RequestSpecification signed(byte[] body) {
        return given().baseUri(Stack.entry()).contentType("application/json").body(body)
                .header("Github-Public-Key-Identifier", SecretScanningReporter.KEY_ID)
                .header("Github-Public-Key-Signature", Stack.reporter().sign(body));
    }

    private static byte[] report(String... tokens) throws Exception {
        List<Map<String, String>> report = java.util.Arrays.stream(tokens).map(t -> Map.of("token", t,
                "type", "agentwallex_api_key", "url", LEAK_URL, "source", "content")).toList();
        return new ObjectMapper().writeValueAsBytes(report);
    }

    private static String sha256(String token) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    }
}
