package com.agentwallex.system.support;

import static io.restassured.RestAssured.given;

import com.agentwallex.common.crypto.Sha256;
import com.agentwallex.common.testing.SignInFlow;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Real users of the running stack: signed in through the OIDC provider, tokens from auth-service.
 * Every secret handed out is written to the {@link Issued} ledger.
 */
public final class Users {

    /** A signed-in browser: its tokens, as it reaches the stack through the entry point. */
    public record Session(String accessToken, String refreshToken, String orgId, String userId, String sessionId,
                          String email) {

        /** A request from this browser to the public API, through the entry point. */
        public RequestSpecification api() {
            return given().baseUri(Stack.entry());
        }

        public RequestSpecification bearer() {
            return api().header("Authorization", "Bearer " + accessToken);
        }

        Session with(String access, String refresh) {
            return new Session(access, refresh, orgId, userId, sessionId, email);
        }
    }

    private Users() {
    }

    /** Signs a brand-new user in (a new user gets a new organization) and exchanges the code. */
    public static Session signIn() {
        return signIn("sys-" + UUID.randomUUID() + "@example.com");
    }

    /** Signs {@code email} in through the entry point and the provider, and exchanges the code. */
    public static Session signIn(String email) {
        SignInFlow browser = new SignInFlow(URI.create(Stack.entry()), "awx-system-tests");
        SignInFlow.Step back = browser.signIn(Stack.RETURN_TO, email, null);
        // The provider's code and state crossed the entry point on the callback: secrets of this run too.
        for (String visited : browser.visited()) {
            if (URI.create(visited).getPath().equals("/auth/google/callback")) {
                Issued.provider(SignInFlow.queryParam(visited, "code"));
                Issued.provider(SignInFlow.queryParam(visited, "state"));
            }
        }
        if (back.status() != 302 || back.location() == null || !back.location().startsWith(Stack.RETURN_TO)) {
            throw new IllegalStateException("sign-in did not come back with a code: " + back.status());
        }
        String code = Issued.secret(SignInFlow.queryParam(back.location(), "exchange_code"));
        Session pending = new Session(null, null, null, null, null, email);
        Response tokens = pending.api().contentType(ContentType.JSON)
                .body(Map.of("exchange_code", code)).post("/api/v1/auth/exchange")
                .then().statusCode(200).extract().response();
        String access = Issued.secret(tokens.path("access_token"));
        String refresh = Issued.secret(tokens.path("refresh_token"));
        Response me = pending.with(access, refresh).bearer().get("/api/v1/auth/me")
                .then().statusCode(200).extract().response();
        return new Session(access, refresh, me.path("organization.id"), me.path("user.id"), me.path("session.id"), email);
    }

    /** Spends the session's refresh token; the answer as it came, its secrets in the ledger. */
    public static Response refresh(Session session, String refreshToken) {
        Response answer = session.api().contentType(ContentType.JSON)
                .body(Map.of("refresh_token", refreshToken)).post("/api/v1/auth/refresh");
        if (answer.statusCode() == 200) {
            Issued.secret(answer.path("access_token"));
            Issued.secret(answer.path("refresh_token"));
        }
        return answer;
    }

    /** Moves a spent refresh token's spending an hour back: past the reuse grace without waiting for it. */
    public static void spentLongAgo(String refreshToken) {
        String hash = Base64.getUrlEncoder().withoutPadding().encodeToString(Sha256.of(refreshToken));
        if (Stack.update(Stack.Service.AUTH, "UPDATE refresh_token SET spent_at = spent_at - interval '1 hour'"
                + " WHERE token_hash = ? AND spent_at IS NOT NULL", hash) != 1) {
            throw new IllegalStateException("the refresh token is not a spent one");
        }
    }

    /** The session after one successful refresh. */
    public static Session refreshed(Session session) {
        Response answer = refresh(session, session.refreshToken()).then().statusCode(200).extract().response();
        return session.with(answer.path("access_token"), answer.path("refresh_token"));
    }

    /** The user's organization moved to the growth plan by billing, and a token that says so. */
    public static Session onGrowthPlan(Session session) {
        Stack.changePlan(session.orgId(), "growth");
        return refreshed(session);
    }

    public static void logout(Session session) {
        session.bearer().post("/api/v1/auth/logout").then().statusCode(204);
    }

    /** A key created through apikey-service's API by this user; returns {id, key}. */
    public static Response createKey(Session session, String environment, String... scopes) {
        Response created = session.bearer().contentType(ContentType.JSON)
                .body(Map.of("name", "system", "environment", environment, "scopes", List.of(scopes)))
                .post("/api/v1/api-keys").then().statusCode(201).extract().response();
        Issued.secret(created.path("key"));
        return created;
    }

    /** Rotates a key with the default grace; returns the new key's {id, key}. */
    public static Response rotateKey(Session session, String keyId) {
        Response rotated = session.bearer().contentType(ContentType.JSON).body("{}")
                .post("/api/v1/api-keys/" + keyId + "/rotate").then().statusCode(201).extract().response();
        Issued.secret(rotated.path("key"));
        return rotated;
    }

    public static void revokeKey(Session session, String keyId) {
        session.bearer().delete("/api/v1/api-keys/" + keyId).then().statusCode(204);
    }
}
