package com.agentwallex.system.auth;

import static io.restassured.RestAssured.given;

import com.agentwallex.system.support.Stack;
import com.agentwallex.system.support.Users;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Ending a session or a key at its owner ends it at every other service within 5 s. */
@QuarkusTest
@WithTestResource(value = Stack.class, scope = TestResourceScope.GLOBAL)
class RevocationAcrossServicesTest {

    private static final Duration FIVE_SECONDS = Duration.ofSeconds(5);

    @Test
    void aLoggedOutSessionsAccessTokenIsRejectedEverywhereWithinFiveSeconds() {
        Users.Session user = Users.signIn();
        String bearer = "Bearer " + user.accessToken();
        given().baseUri(Stack.url(Stack.Service.AUDIT)).header("Authorization", bearer).get("/api/v1/audit-logs")
                .then().statusCode(200);
        given().header("Authorization", bearer).get("/api/v1/agents").then().statusCode(200);
        given().baseUri(Stack.url(Stack.Service.APIKEY)).header("Authorization", bearer).get("/api/v1/api-keys")
                .then().statusCode(200);

        Users.logout(user);
        Awaitility.await().atMost(FIVE_SECONDS).pollInterval(Duration.ofMillis(100)).until(() ->
                given().baseUri(Stack.url(Stack.Service.AUDIT)).header("Authorization", bearer)
                        .get("/api/v1/audit-logs").statusCode() == 401
                        && given().header("Authorization", bearer).get("/api/v1/agents").statusCode() == 401
                        && given().baseUri(Stack.url(Stack.Service.APIKEY)).header("Authorization", bearer)
                        .get("/api/v1/api-keys").statusCode() == 401);
    }

    @Test
    void aKeyRevokedAtApikeyServiceIsRejectedAtEveryServiceWithinFiveSeconds() {
        Users.Session user = Users.signIn();
        // audit-service serves production, the example service sandbox: a key of each
        var production = Users.createKey(user, "production", "audit:read");
        var sandbox = Users.createKey(user, "sandbox", "agents:read");
        String auditKey = production.path("key");
        String agentsKey = sandbox.path("key");
        given().baseUri(Stack.url(Stack.Service.AUDIT)).header("X-API-Key", auditKey).get("/api/v1/audit-logs")
                .then().statusCode(200);
        given().header("X-API-Key", agentsKey).get("/api/v1/agents").then().statusCode(200);

        Users.revokeKey(user, production.path("id"));
        Users.revokeKey(user, sandbox.path("id"));
        Awaitility.await().atMost(FIVE_SECONDS).pollInterval(Duration.ofMillis(100)).until(() ->
                given().baseUri(Stack.url(Stack.Service.AUDIT)).header("X-API-Key", auditKey)
                        .get("/api/v1/audit-logs").statusCode() == 401
                        && given().header("X-API-Key", agentsKey).get("/api/v1/agents").statusCode() == 401);
    }
}
