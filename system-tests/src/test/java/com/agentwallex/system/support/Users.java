package com.agentwallex.system.support;

import static io.restassured.RestAssured.given;

import com.agentwallex.common.testing.SignInFlow;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Real users of the running stack: signed in through the OIDC provider, tokens from auth-service. */
public final class Users {

    public record Session(String accessToken, String refreshToken, String orgId) {
    }

    private Users() {
    }

    /** Signs a brand-new user in (a new user gets a new organization) and exchanges the code. */
    public static Session signIn() {
        String email = "sys-" + UUID.randomUUID() + "@example.com";
        SignInFlow browser = new SignInFlow(URI.create(Stack.url(Stack.Service.AUTH)));
        SignInFlow.Step back = browser.signIn(Stack.RETURN_TO, email, null);
        if (back.status() != 302 || back.location() == null || !back.location().startsWith(Stack.RETURN_TO)) {
            throw new IllegalStateException("sign-in did not come back with a code: " + back.status());
        }
        String code = SignInFlow.queryParam(back.location(), "exchange_code");
        Response tokens = given().baseUri(Stack.url(Stack.Service.AUTH)).contentType(ContentType.JSON)
                .body(Map.of("exchange_code", code)).post("/api/v1/auth/exchange")
                .then().statusCode(200).extract().response();
        String access = tokens.path("access_token");
        String org = given().baseUri(Stack.url(Stack.Service.AUTH)).header("Authorization", "Bearer " + access)
                .get("/api/v1/auth/me").then().statusCode(200).extract().path("organization.id");
        return new Session(access, tokens.path("refresh_token"), org);
    }

    public static void logout(Session session) {
        given().baseUri(Stack.url(Stack.Service.AUTH)).header("Authorization", "Bearer " + session.accessToken())
                .post("/api/v1/auth/logout").then().statusCode(204);
    }

    /** A key created through apikey-service's API by this user; returns {id, key}. */
    public static Response createKey(Session session, String environment, String... scopes) {
        return given().baseUri(Stack.url(Stack.Service.APIKEY)).header("Authorization", "Bearer " + session.accessToken())
                .contentType(ContentType.JSON)
                .body(Map.of("name", "system", "environment", environment, "scopes", List.of(scopes)))
                .post("/api/v1/api-keys").then().statusCode(201).extract().response();
    }

    public static void revokeKey(Session session, String keyId) {
        given().baseUri(Stack.url(Stack.Service.APIKEY)).header("Authorization", "Bearer " + session.accessToken())
                .delete("/api/v1/api-keys/" + keyId).then().statusCode(204);
    }
}
