package com.agentwallex.apikey.support;

import static io.restassured.RestAssured.given;

import com.agentwallex.common.testing.Tokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The management and verify APIs as tests call them, with tokens shaped like auth-service's. */
public final class KeysApi {

    public static final String SERVICE_CREDENTIAL = "test-service-credential-0123456789abcdef";

    private KeysApi() {
    }

    /** A fresh organization per test keeps tests independent of each other and of earlier runs. */
    public static String newOrg() {
        return "org_" + UUID.randomUUID();
    }

    public static String token(String org, String plan) {
        return Tokens.accessToken(org, c -> c.claim("plan", plan));
    }

    public static RequestSpecification as(String org, String plan) {
        return given().header("Authorization", "Bearer " + token(org, plan)).contentType(ContentType.JSON);
    }

    public static Map<String, Object> body(String environment, String... scopes) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "ci " + environment);
        body.put("environment", environment);
        body.put("scopes", List.of(scopes));
        return body;
    }

    public static Response create(String org, String plan, Map<String, Object> body) {
        return as(org, plan).body(body).post("/api/v1/api-keys");
    }

    /** Creates a key and returns the answer; fails the test unless it is a 201. */
    public static Response created(String org, String plan, Map<String, Object> body) {
        return create(org, plan, body).then().statusCode(201).extract().response();
    }

    public static Response createdSandboxKey(String org, String... scopes) {
        return created(org, "free", body("sandbox", scopes));
    }

    /** A sandbox key of a new organization, as the tests that use and count it need it. */
    public record NewKey(String org, String id, String key) {
    }

    /** A new organization with one sandbox key, created by its member (fails the test unless a 201). */
    public static NewKey newSandboxKey(String... scopes) {
        String org = newOrg();
        Response created = createdSandboxKey(org, scopes);
        return new NewKey(org, created.path("id"), created.path("key"));
    }

    public static Response rotate(String org, String id, Long graceSeconds) {
        RequestSpecification spec = as(org, "free");
        if (graceSeconds != null) {
            spec = spec.body(Map.of("grace_period_seconds", graceSeconds));
        }
        return spec.post("/api/v1/api-keys/" + id + "/rotate");
    }

    /** The key's metadata as its organization's member reads it. */
    public static Response read(String org, String id) {
        return as(org, "free").get("/api/v1/api-keys/" + id);
    }

    public static Response revoke(String org, String id) {
        return as(org, "free").delete("/api/v1/api-keys/" + id);
    }

    public static Response verify(Map<String, Object> body) {
        return given().header("Authorization", "Bearer " + SERVICE_CREDENTIAL).contentType(ContentType.JSON)
                .body(body).post("/internal/v1/api-keys/verify");
    }

    public static Response verify(String key, String clientIp, String... requiredScopes) {
        Map<String, Object> body = new HashMap<>();
        body.put("key", key);
        body.put("client_ip", clientIp);
        if (requiredScopes.length > 0) {
            body.put("required_scopes", List.of(requiredScopes));
        }
        return verify(body);
    }

    /** The verdict's code for a key presented from an address. */
    public static String code(String key, String clientIp, String... requiredScopes) {
        return verify(key, clientIp, requiredScopes).then().statusCode(200).extract().path("code");
    }

    /** A documentation-range address no other test uses, so per-IP limits never couple tests. */
    public static String freshIp() {
        int n = NEXT_IP.getAndIncrement() & 0xFFFF;
        return "198.18." + (n >> 8) + "." + (n & 0xFF);
    }

    private static final java.util.concurrent.atomic.AtomicInteger NEXT_IP =
            new java.util.concurrent.atomic.AtomicInteger(new java.security.SecureRandom().nextInt(65536));
}
