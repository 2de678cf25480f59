package com.agentwallex.system.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.notNullValue;

import com.agentwallex.system.support.Stack;
import com.agentwallex.system.support.Users;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Services stop and start; what callers see meanwhile, and what a restart must not forget. */
@QuarkusTest
@WithTestResource(value = Stack.class, scope = TestResourceScope.GLOBAL)
class ServiceOutageTest {

    @Test
    void apikeyServiceStoppedMeans503ForKeysAndNothingForTokens() {
        Users.Session user = Users.signIn();
        String key = Users.createKey(user, "production", "audit:read").path("key");
        String audit = Stack.url(Stack.Service.AUDIT);
        Stack.stop(Stack.Service.APIKEY);
        try {
            // a fresh key, so no cached answer hides the outage
            given().baseUri(audit).header("X-API-Key", key).get("/api/v1/audit-logs").then()
                    .statusCode(503).contentType("application/problem+json").header("Retry-After", notNullValue());
            given().baseUri(audit).header("Authorization", "Bearer " + user.accessToken()).get("/api/v1/audit-logs")
                    .then().statusCode(200);
        } finally {
            Stack.start(Stack.Service.APIKEY);
        }
        given().baseUri(audit).header("X-API-Key", key).get("/api/v1/audit-logs").then().statusCode(200);
    }

    @Test
    void aRestartedAuditServiceStillRejectsASessionEndedBeforeItStarted() {
        Users.Session user = Users.signIn();
        Stack.stop(Stack.Service.AUDIT);
        try {
            Users.logout(user);
        } finally {
            Stack.start(Stack.Service.AUDIT);
        }
        given().baseUri(Stack.url(Stack.Service.AUDIT)).header("Authorization", "Bearer " + user.accessToken())
                .get("/api/v1/audit-logs").then().statusCode(401);
    }
}
