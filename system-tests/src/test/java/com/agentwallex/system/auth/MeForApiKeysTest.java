package com.agentwallex.system.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import com.agentwallex.contract.apikey.ApiKeyFormat;
import com.agentwallex.system.support.AuditTrail;
import com.agentwallex.system.support.Issued;
import com.agentwallex.system.support.Stack;
import com.agentwallex.system.support.Users;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/auth/me} answers an API key too (SPEC: "the caller: user, organization, plan,
 * session, or API key"), with real keys from apikey-service through the entry point; sessions stay
 * the signed-in user's own.
 */
@QuarkusTest
@WithTestResource(value = Stack.class, scope = TestResourceScope.GLOBAL)
class MeForApiKeysTest {

    private static RequestSpecification withKey(String key) {
        return given().baseUri(Stack.entry()).header("X-API-Key", key);
    }

    @Test
    void aKeyIsToldItsIdEnvironmentScopesAndOrganizationButNeverItselfNorAUserOrSession() {
        Users.Session user = Users.signIn();
        Response key = Users.createKey(user, "sandbox", "agents:read", "audit:read");
        String secret = key.path("key");
        Map<String, Object> organization = user.bearer().get("/api/v1/auth/me").then().statusCode(200)
                .extract().path("organization");

        withKey(secret).get("/api/v1/auth/me").then().statusCode(200)
                .body("type", equalTo("api_key"))
                .body("api_key.id", equalTo(key.path("id")))
                .body("api_key.environment", equalTo("sandbox"))
                .body("api_key.scopes", containsInAnyOrder("agents:read", "audit:read"))
                .body("organization", equalTo(organization))
                .body("$", not(hasKey("user"))).body("$", not(hasKey("session")))
                .body(not(containsString(secret)));
    }

    @Test
    void aKeyApikeyServiceNeverIssuedIsA401() {
        String neverIssued = Issued.secret(ApiKeyFormat.generate(ApiKeyFormat.Environment.SANDBOX));
        withKey(neverIssued).get("/api/v1/auth/me").then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", "Bearer")
                .body(not(containsString(neverIssued)));
    }

    @Test
    void aRevokedKeyIsA401OnceTheRevocationArrives() {
        Users.Session user = Users.signIn();
        Response key = Users.createKey(user, "production", "agents:read");
        String secret = key.path("key");
        withKey(secret).get("/api/v1/auth/me").then().statusCode(200);

        Users.revokeKey(user, key.path("id"));
        // auth-service's remembered answer is evicted by the key-revocation topic
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                withKey(secret).get("/api/v1/auth/me").then().statusCode(401)
                        .contentType("application/problem+json").header("WWW-Authenticate", "Bearer"));
    }

    @Test
    void theSessionsApiRefusesAKeyWithA403AuditedAsAccessDeniedAndEndsNothing() {
        Users.Session user = Users.signIn();
        Response key = Users.createKey(user, "sandbox", "agents:read");
        String secret = key.path("key");

        withKey(secret).get("/api/v1/auth/sessions").then().statusCode(403).contentType("application/problem+json");
        withKey(secret).delete("/api/v1/auth/sessions/" + user.sessionId()).then().statusCode(403)
                .contentType("application/problem+json");
        withKey(secret).delete("/api/v1/auth/sessions").then().statusCode(403).contentType("application/problem+json");
        withKey(secret).post("/api/v1/auth/logout").then().statusCode(403).contentType("application/problem+json");
        // the key pasted where a session id belongs: refused, and audited without it
        withKey(secret).delete("/api/v1/auth/sessions/" + secret).then().statusCode(403);

        user.bearer().get("/api/v1/auth/sessions").then().statusCode(200)
                .body("id", equalTo(List.of(user.sessionId())));
        List<AuditTrail.Entry> denied = AuditTrail.await(user.accessToken(),
                e -> e.type().equals("access.denied") && key.path("id").equals(e.actorId()), 5, Duration.ofSeconds(30))
                .stream().filter(e -> e.type().equals("access.denied")).toList();
        assertThat(denied).extracting(AuditTrail.Entry::actorType, AuditTrail.Entry::outcome)
                .containsOnly(org.assertj.core.groups.Tuple.tuple("api_key", "failure"));
        assertThat(denied).extracting(AuditTrail.Entry::resourceId).containsExactlyInAnyOrder(
                "GET /api/v1/auth/sessions", "DELETE /api/v1/auth/sessions/" + user.sessionId(),
                "DELETE /api/v1/auth/sessions", "POST /api/v1/auth/logout",
                "DELETE /api/v1/auth/sessions/" + ApiKeyFormat.mask(secret));
    }
}
