package com.agentwallex.system.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.agentwallex.system.support.Stack;
import com.agentwallex.system.support.Users;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/**
 * The seed's own curl lines against {@code GET /api/v1/agents} of an example service that has
 * nothing but common's request authentication: real tokens from auth-service, real keys from
 * apikey-service.
 */
@QuarkusTest
@WithTestResource(value = Stack.class, scope = TestResourceScope.GLOBAL)
class SeedHeadersTest {

    @Test
    void bearerAccessTokenFromSignInWorks() {
        Users.Session user = Users.signIn();
        // curl https://api.agentwallex.com/api/v1/agents -H "Authorization: Bearer eyJ..."
        given().header("Authorization", "Bearer " + user.accessToken()).get("/api/v1/agents").then().statusCode(200)
                .body("caller.actor_type", equalTo("user")).body("caller.org_id", equalTo(user.orgId()))
                .body("caller.scopes", hasItem("agents:read"));
    }

    @Test
    void apiKeyFromApikeyServiceWorks() {
        Users.Session user = Users.signIn();
        Response key = Users.createKey(user, "sandbox", "agents:read");
        // curl https://api.agentwallex.com/api/v1/agents -H "X-API-Key: awx_your_api_key"
        given().header("X-API-Key", key.<String>path("key")).get("/api/v1/agents").then().statusCode(200)
                .body("caller.actor_type", equalTo("api_key")).body("caller.actor_id", equalTo(key.path("id")))
                .body("caller.org_id", equalTo(user.orgId())).body("caller.environment", equalTo("sandbox"));
    }

    @Test
    void bothHeadersAtOnceIs400() {
        Users.Session user = Users.signIn();
        String key = Users.createKey(user, "sandbox", "agents:read").path("key");
        given().header("Authorization", "Bearer " + user.accessToken()).header("X-API-Key", key)
                .get("/api/v1/agents").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void aKeyInTheQueryStringIs400AndNeverEchoed() {
        Users.Session user = Users.signIn();
        String key = Users.createKey(user, "sandbox", "agents:read").path("key");
        given().queryParam("api_key", key).get("/api/v1/agents").then().statusCode(400)
                .body(not(containsString(key)));
    }

    @Test
    void noCredentialIs401AndAMissingScopeIs403() {
        given().get("/api/v1/agents").then().statusCode(401).header("WWW-Authenticate", "Bearer");
        Users.Session user = Users.signIn();
        String readOnly = Users.createKey(user, "sandbox", "agents:read").path("key");
        given().header("X-API-Key", readOnly).post("/api/v1/agents").then().statusCode(403)
                .contentType("application/problem+json");
        // Its last character changed (to another one: a key ending in x stayed valid, 1 run in 62).
        String altered = readOnly.substring(0, readOnly.length() - 1) + (readOnly.endsWith("x") ? "y" : "x");
        given().header("X-API-Key", altered).get("/api/v1/agents").then().statusCode(401);
    }

    @Test
    void aKeyInItsRotationGraceAnnouncesDeprecationAndSunsetWhileTheNewKeyDoesNot() {
        Users.Session user = Users.signIn();
        Response old = Users.createKey(user, "sandbox", "agents:read");
        given().header("X-API-Key", old.<String>path("key")).get("/api/v1/agents").then().statusCode(200)
                .header("Deprecation", org.hamcrest.Matchers.nullValue());
        Response successor = given().baseUri(Stack.url(Stack.Service.APIKEY))
                .header("Authorization", "Bearer " + user.accessToken()).contentType(io.restassured.http.ContentType.JSON)
                .body(java.util.Map.of("grace_period_seconds", 3600)).post("/api/v1/api-keys/" + old.path("id") + "/rotate")
                .then().statusCode(201).extract().response();
        // the rotation reaches this service's cache through Kafka
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() ->
                given().header("X-API-Key", old.<String>path("key")).get("/api/v1/agents").header("Deprecation") != null);
        given().header("X-API-Key", old.<String>path("key")).get("/api/v1/agents").then().statusCode(200)
                .header("Deprecation", org.hamcrest.Matchers.startsWith("@"))
                .header("Sunset", org.hamcrest.Matchers.endsWith("GMT"));
        // so does an agent token exchange with the key as subject_token, as with the key in X-API-Key
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() ->
                exchangeAsSubjectToken(old.path("key")).then().statusCode(200).extract().header("Deprecation") != null);
        exchangeAsSubjectToken(old.path("key")).then().header("Sunset", org.hamcrest.Matchers.endsWith("GMT"));
        given().header("X-API-Key", successor.<String>path("key")).get("/api/v1/agents").then().statusCode(200)
                .header("Deprecation", org.hamcrest.Matchers.nullValue());
    }

    private static Response exchangeAsSubjectToken(String key) {
        return given().baseUri(Stack.entry()).contentType(io.restassured.http.ContentType.URLENC)
                .formParam("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange")
                .formParam("subject_token", key)
                .formParam("subject_token_type", "urn:agentwallex:params:oauth:token-type:api-key")
                .post("/api/v1/auth/token");
    }

    @Test
    void auditLogsAreReadableWithAUsersTokenOrAKeyHoldingAuditRead() {
        Users.Session user = Users.signIn();
        String auditor = Users.createKey(user, "production", "audit:read").path("key");
        String other = Users.createKey(user, "production", "agents:read").path("key");
        String audit = Stack.url(Stack.Service.AUDIT);
        given().baseUri(audit).header("Authorization", "Bearer " + user.accessToken()).get("/api/v1/audit-logs")
                .then().statusCode(200);
        given().baseUri(audit).header("X-API-Key", auditor).get("/api/v1/audit-logs").then().statusCode(200);
        given().baseUri(audit).header("X-API-Key", other).get("/audit-logs").then().statusCode(403);
    }
}
