package com.agentwallex.sdk;

import com.fasterxml.jackson.databind.JavaType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sign-in with Google for a web back end, with PKCE (RFC 7636): send the browser to
 * {@link AuthorizationRequest#url()}, keep {@link AuthorizationRequest#codeVerifier()} in the
 * browser's server-side session, and when the browser comes back to your {@code return_to} with
 * {@code exchange_code}, {@link #exchange(String, String)} both for a {@link TokenSession}. The
 * verifier binds the code to the browser that started: a code carried to another browser is
 * useless there.
 */
public final class SignIn {

    private static final JavaType TOKENS = Json.type(TokenSession.Tokens.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Where to send the browser, and the verifier to keep until it returns (never shown by toString). */
    public record AuthorizationRequest(URI url, String codeVerifier) {

        @Override
        public String toString() {
            return "AuthorizationRequest[url=" + url + "]";
        }
    }

    record Exchange(String exchangeCode, String codeVerifier) {
    }

    record Refresh(String refreshToken) {
    }

    private final Transport transport;
    private final Clock clock;
    private final TokenSession.Refresher refresher = this::refresh;

    SignIn(Transport transport, Clock clock) {
        this.transport = transport;
        this.clock = clock;
    }

    /** {@code returnTo} must be on the API's allowlist exactly; the browser comes back there with {@code exchange_code}. */
    public AuthorizationRequest authorizationRequest(String returnTo) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String verifier = base64Url(random);
        Map<String, String> query = new LinkedHashMap<>();
        query.put("return_to", returnTo);
        query.put("code_challenge", challenge(verifier));
        query.put("code_challenge_method", "S256");
        return new AuthorizationRequest(transport.uri("/auth/google/redirect", query), verifier);
    }

    /** The code from the return URL and the verifier kept since {@link #authorizationRequest(String)}. */
    public TokenSession exchange(String exchangeCode, String codeVerifier) {
        TokenSession.Tokens tokens = transport.send(Transport.Call.post("/api/v1/auth/exchange",
                new Exchange(exchangeCode, codeVerifier)), Credential.NONE, TOKENS);
        return session(tokens);
    }

    /**
     * A session from a refresh token kept earlier; refreshes at once, which spends that token (asked
     * once more at once when the answer was lost, as a session's own refreshes are).
     */
    public TokenSession resume(String refreshToken) {
        return session(refresher.spend(refreshToken));
    }

    private TokenSession session(TokenSession.Tokens tokens) {
        return new TokenSession(tokens, refresher, this::logout, clock);
    }

    private TokenSession.Tokens refresh(String refreshToken) {
        return transport.send(Transport.Call.post("/api/v1/auth/refresh", new Refresh(refreshToken)), Credential.NONE, TOKENS);
    }

    private void logout(String accessToken) {
        transport.send(Transport.Call.post("/api/v1/auth/logout", null),
                request -> request.header("Authorization", "Bearer " + accessToken), null);
    }

    /** S256: the base64url SHA-256 of the verifier. */
    static String challenge(String verifier) {
        try {
            return base64Url(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
