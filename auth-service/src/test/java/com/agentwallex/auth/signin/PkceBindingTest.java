package com.agentwallex.auth.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.agentwallex.auth.support.Auth;
import com.agentwallex.auth.support.TestKafka;
import com.agentwallex.common.crypto.Sha256;
import com.agentwallex.contract.events.AuthEventCodec;
import com.agentwallex.contract.events.AuthEventType;
import com.agentwallex.contract.events.AuthTopics;
import com.agentwallex.common.testing.SignInFlow;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFC 7636 binding of the exchange code to the browser that started the sign-in: the code is worth
 * nothing without that browser's verifier, gets one attempt, and a return_to that requires PKCE
 * (the dashboard's; in tests 127.0.0.1:3000) is never given a code that another browser could
 * redeem: a start without a challenge (a plain link) is bound by a verifier we keep in its cookie.
 */
@QuarkusTest
class PkceBindingTest {

    private static final String PKCE_RETURN_TO = "http://127.0.0.1:3000/auth/callback";
    /** A start without a challenge, as a plain link sends it, toward a return URL that requires one. */
    private static final String PLAIN_LINK = "/auth/google/redirect?return_to=" + SignInFlow.enc(PKCE_RETURN_TO);

    @Test
    void aCodeBoundToAChallengeIsRedeemedWithItsVerifier() {
        String verifier = verifier();
        String code = codeFor(Auth.RETURN_TO, challenge(verifier));
        exchange(code, verifier).then().statusCode(200).body("token_type", equalTo("Bearer"));
    }

    @Test
    void aCodeCarriedToAnotherBrowserIsUselessThereAndSpentByTheAttempt() {
        String attackersVerifier = verifier();
        String agent = "pkce-" + UUID.randomUUID();
        String code = codeFor(Auth.RETURN_TO, challenge(attackersVerifier));

        // the victim's browser holds its own verifier, not the one this code was bound to
        exchange(code, verifier(), agent).then().statusCode(400)
                .body("type", equalTo("https://docs.agentwallex.com/problems/invalid_grant"));
        exchange(code, attackersVerifier).then().statusCode(400);
        assertThat(TestKafka.await(AuthTopics.AUTH_EVENTS, r -> new String(r.value()).contains(agent), 1, Duration.ofSeconds(15)))
                .extracting(r -> decode(r.value()).data().reason()).contains("code_verifier_mismatch");
    }

    @Test
    void aBoundCodeWithoutAVerifierIsRefused() {
        String code = codeFor(Auth.RETURN_TO, challenge(verifier()));
        Auth.exchange(code).then().statusCode(400).body("detail", equalTo(
                "This sign-in was started with a code_challenge: the code_verifier is required."));
    }

    @Test
    void aVerifierForACodeIssuedWithoutAChallengeIsADowngradeAndRefused() {
        String code = Auth.exchangeCode(Auth.newEmail());
        exchange(code, verifier()).then().statusCode(400);
        Auth.exchange(code).then().statusCode(400);
    }

    @Test
    void aMalformedVerifierIsA400NamingIt() {
        String code = codeFor(Auth.RETURN_TO, challenge(verifier()));
        exchange(code, "short").then().statusCode(400).body("parameter", equalTo("code_verifier"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=plain",
        "code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
        "code_challenge=too-short&code_challenge_method=S256",
        "code_challenge_method=S256",
        "code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256"})
    void aBadChallengeIsRefusedBeforeTheProvider(String challenge) {
        SignInFlow.Step step = new SignInFlow(Auth.base()).get("/auth/google/redirect?return_to="
                + SignInFlow.enc(Auth.RETURN_TO) + "&" + challenge);
        assertThat(step.status()).isEqualTo(400);
        assertThat(step.location()).isNull();
        assertThat(step.body()).contains("code_challenge");
    }

    @Test
    void aPlainLinkToAReturnToThatRequiresPkceIsBoundToThisBrowserByACookieOnlyTheExchangeReceives() {
        SignInFlow browser = new SignInFlow(Auth.base());
        SignInFlow.Step start = browser.get(PLAIN_LINK);

        // Back to the start, now with a challenge whose verifier only this browser's cookie holds.
        assertThat(start.status()).isEqualTo(302);
        assertThat(start.location()).startsWith("/auth/google/redirect?return_to=" + SignInFlow.enc(PKCE_RETURN_TO) + "&code_challenge=")
                .endsWith("&code_challenge_method=S256");
        String challenge = SignInFlow.queryParam(start.location(), "code_challenge");
        // Over plain HTTP (here) its name says which sign-in it is for; over HTTPS it is a __Host- cookie.
        String name = "awx_pkce_" + challenge.substring(0, 16);
        String cookie = start.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith(name + "=").contains("Path=/api/v1/auth/exchange", "SameSite=Strict", "Max-Age=600")
                .containsIgnoringCase("; HttpOnly").doesNotContainIgnoringCase("Secure");
        String verifier = cookie.substring(name.length() + 1, cookie.indexOf(';'));
        assertThat(challenge).isEqualTo(challenge(verifier));

        String code = codeFrom(browser, start);
        SignInFlow.Step exchanged = exchangeIn(browser, code, null);
        assertThat(exchanged.status()).isEqualTo(200);
        assertThat(JsonPath.from(exchanged.body()).getString("token_type")).isEqualTo("Bearer");
    }

    @Test
    void twoPlainLinkSignInsAtOnceInOneBrowserEachKeepTheirOwnCookie() {
        SignInFlow browser = new SignInFlow(Auth.base());
        SignInFlow.Step first = browser.get(PLAIN_LINK);
        // A second one (another tab) starts and finishes while the first is at the provider.
        String second = finishSignIn(browser, PKCE_RETURN_TO);
        String firstCode = codeFrom(browser, first);

        assertThat(exchangeIn(browser, second, null).status()).isEqualTo(200);
        assertThat(exchangeIn(browser, firstCode, null).status()).isEqualTo(200);
    }

    @Test
    void theCookieOfThisSignInWinsOverAVerifierTheTabKeptFromOneItAbandoned() {
        SignInFlow browser = new SignInFlow(Auth.base());
        String code = finishSignIn(browser, PKCE_RETURN_TO);
        assertThat(exchangeIn(browser, code, verifier()).status()).isEqualTo(200);
    }

    @Test
    void aCodeFromAPlainLinkIsUselessWithoutThatBrowsersCookieAndSpentByTheAttempt() {
        SignInFlow victim = new SignInFlow(Auth.base());
        String code = finishSignIn(victim, PKCE_RETURN_TO);
        // Another browser that started a plain-link sign-in of its own holds a cookie, but not this one.
        SignInFlow elsewhere = new SignInFlow(Auth.base());
        assertThat(elsewhere.get(PLAIN_LINK).headers().firstValue("Set-Cookie")).isPresent();

        SignInFlow.Step carried = exchangeIn(elsewhere, code, null);
        assertThat(carried.status()).isEqualTo(400);
        assertThat(JsonPath.from(carried.body()).getString("detail")).isEqualTo(
                "This sign-in was started with a code_challenge: the code_verifier is required.");
        assertThat(exchangeIn(victim, code, null).status()).isEqualTo(400);
    }

    @Test
    void aCodeFromAPlainLinkPresentedWithNoCookieIsRefused() {
        String code = finishSignIn(new SignInFlow(Auth.base()), PKCE_RETURN_TO);
        Auth.exchange(code).then().statusCode(400).body("detail", equalTo(
                "This sign-in was started with a code_challenge: the code_verifier is required."));
    }

    @Test
    void theCookieIsNeverReadForACodeIssuedWithoutAChallenge() {
        SignInFlow browser = new SignInFlow(Auth.base());
        // A plain-link start left its cookie behind; this browser then signs in where no PKCE is required.
        assertThat(browser.get(PLAIN_LINK).headers().firstValue("Set-Cookie")).isPresent();
        SignInFlow.Step back = browser.signIn(Auth.RETURN_TO, Auth.newEmail(), null);
        String code = SignInFlow.queryParam(back.location(), "exchange_code");

        assertThat(exchangeIn(browser, code, null).status()).isEqualTo(200);
    }

    /** The code of a sign-in started with {@code start} (its 302 back to the start, with our challenge), finished in {@code browser}. */
    private static String codeFrom(SignInFlow browser, SignInFlow.Step start) {
        SignInFlow.Step back = browser.signInWith(java.net.URI.create(start.location()).getRawQuery(), Auth.newEmail(), null);
        assertThat(back.location()).startsWith(PKCE_RETURN_TO + "?exchange_code=");
        return SignInFlow.queryParam(back.location(), "exchange_code");
    }

    /** The exchange as a page of {@code browser} makes it: its cookies go along. */
    private static SignInFlow.Step exchangeIn(SignInFlow browser, String code, String bodyVerifier) {
        return browser.postJson("/api/v1/auth/exchange", "{\"exchange_code\":\"" + code + "\""
                + (bodyVerifier == null ? "" : ",\"code_verifier\":\"" + bodyVerifier + "\"") + "}");
    }

    /** Signs a new user in from a plain link (no challenge of the client's own) and returns the exchange code. */
    private static String finishSignIn(SignInFlow browser, String returnTo) {
        SignInFlow.Step back = browser.signIn(returnTo, Auth.newEmail(), null);
        assertThat(back.status()).isEqualTo(302);
        assertThat(back.location()).startsWith(returnTo + "?exchange_code=");
        return SignInFlow.queryParam(back.location(), "exchange_code");
    }

    /** Signs a new user in with a PKCE challenge and returns the exchange code. */
    private static String codeFor(String returnTo, String challenge) {
        SignInFlow.Step back = new SignInFlow(Auth.base()).signInWith("return_to=" + SignInFlow.enc(returnTo)
                + "&code_challenge=" + challenge + "&code_challenge_method=S256", Auth.newEmail(), null);
        assertThat(back.status()).isEqualTo(302);
        assertThat(back.location()).startsWith(returnTo + "?exchange_code=");
        return SignInFlow.queryParam(back.location(), "exchange_code");
    }

    private static Response exchange(String code, String verifier) {
        return exchange(code, verifier, "awx-tests");
    }

    private static Response exchange(String code, String verifier, String agent) {
        Map<String, String> body = new HashMap<>();
        body.put("exchange_code", code);
        body.put("code_verifier", verifier);
        return RestAssured.given().header("User-Agent", agent).contentType("application/json").body(body)
                .post("/api/v1/auth/exchange");
    }

    private static String verifier() {
        byte[] random = new byte[48];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static String challenge(String verifier) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Sha256.of(verifier));
    }

    private static com.agentwallex.contract.events.AuthEvent decode(byte[] value) {
        try {
            return AuthEventCodec.decode(value);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
