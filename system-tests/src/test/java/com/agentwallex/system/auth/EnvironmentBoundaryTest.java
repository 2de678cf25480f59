package com.agentwallex.system.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.agentwallex.system.support.Stack;
import com.agentwallex.system.support.Users;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * A sandbox key never reaches production data, nor a production key sandbox data: the stack's
 * audit-service serves production and the example resource service sandbox, each refusing the
 * other environment's keys with a problem that says why.
 */
@QuarkusTest
@WithTestResource(value = Stack.class, scope = TestResourceScope.GLOBAL)
class EnvironmentBoundaryTest {

    @Test
    void aSandboxKeyIsRefusedByAProductionServiceWithAClearProblem() {
        Users.Session user = Users.signIn();
        String sandbox = Users.createKey(user, "sandbox", "audit:read").path("key");
        given().baseUri(Stack.entry()).header("X-API-Key", sandbox).get("/api/v1/audit-logs").then()
                .statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("https://docs.agentwallex.com/problems/wrong_environment"))
                .body("detail", containsString("production"));
        String production = Users.createKey(user, "production", "audit:read").path("key");
        given().baseUri(Stack.entry()).header("X-API-Key", production).get("/api/v1/audit-logs").then().statusCode(200);
    }

    @Test
    void aProductionKeyIsRefusedByASandboxService() {
        Users.Session user = Users.signIn();
        String production = Users.createKey(user, "production", "agents:read").path("key");
        given().baseUri(Stack.entry()).header("X-API-Key", production).get("/api/v1/agents").then()
                .statusCode(401).body("type", equalTo("https://docs.agentwallex.com/problems/wrong_environment"))
                .body("detail", containsString("sandbox"));
        String sandbox = Users.createKey(user, "sandbox", "agents:read").path("key");
        given().baseUri(Stack.entry()).header("X-API-Key", sandbox).get("/api/v1/agents").then().statusCode(200);
    }
}
