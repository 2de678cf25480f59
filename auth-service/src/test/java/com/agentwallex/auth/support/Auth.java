package com.agentwallex.auth.support;

import com.agentwallex.common.testing.SignInFlow;

import static io.restassured.RestAssured.given;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.net.URI;
import java.util.Map;
import java.util.UUID;

/** The seed's steps as a client performs them against the service under test. */
public final class Auth {

    public static final String RETURN_TO = "https://app.example.com/auth/callback";

    private Auth() {
    }

    public static URI base() {
        return URI.create(RestAssured.baseURI + ":" + RestAssured.port);
    }

    /** A fresh person: a provider subject no earlier run has used. */
    public static String newEmail() {
        return "u" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
    }

    /** Signs in through the provider and returns the exchange code from the return URL. */
    public static String exchangeCode(String email) {
        SignInFlow.Step end = new SignInFlow(base()).signIn(RETURN_TO, email, null);
        if (end.status() != 302 || !end.location().startsWith(RETURN_TO + "?")) {
            throw new AssertionError("sign-in ended with " + end.status() + " " + end.location() + " " + end.body());
        }
        return SignInFlow.queryParam(end.location(), "exchange_code");
    }

    public static Response exchange(String code) {
        return given().contentType("application/json").body(Map.of("exchange_code", code)).post("/api/v1/auth/exchange");
    }

    public static Response refresh(String refreshToken) {
        return given().contentType("application/json").body(Map.of("refresh_token", refreshToken)).post("/api/v1/auth/refresh");
    }

    /** Spends the refresh token of a token answer (an exchange's or a refresh's). */
    public static Response refresh(Response tokens) {
        return refresh(tokens.jsonPath().getString("refresh_token"));
    }

    /** Signed in and exchanged: access_token, refresh_token, … */
    public static Response signedIn() {
        Response tokens = exchange(exchangeCode(newEmail()));
        tokens.then().statusCode(200);
        return tokens;
    }

    public static Response me(String accessToken) {
        return given().header("Authorization", "Bearer " + accessToken).get("/api/v1/auth/me");
    }

    public static Response logout(String accessToken) {
        return given().header("Authorization", "Bearer " + accessToken).post("/api/v1/auth/logout");
    }

    /** Logs out with the access token of a token answer. */
    public static Response logout(Response tokens) {
        return logout(tokens.jsonPath().getString("access_token"));
    }
}
