package com.agentwallex.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import com.agentwallex.auth.support.Auth;
import com.agentwallex.common.testing.SignInFlow;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class SignInFlowTest {

    @Test
    void theSeedsJwtPathWorksEndToEnd() {
        SignInFlow browser = new SignInFlow(Auth.base());
        SignInFlow.Step toProvider = browser.get("/auth/google/redirect?return_to=" + SignInFlow.enc(Auth.RETURN_TO));
        assertThat(toProvider.status()).isEqualTo(302);
        URI authorize = URI.create(toProvider.location());
        assertThat(authorize.getPath()).isEqualTo("/google/authorize");
        for (String p : new String[] {"state", "nonce", "code_challenge"}) {
            assertThat(SignInFlow.queryParam(toProvider.location(), p)).as(p).isNotBlank();
        }
        assertThat(SignInFlow.queryParam(toProvider.location(), "code_challenge_method")).isEqualTo("S256");

        String email = Auth.newEmail();
        assertThat(browser.get(toProvider.location()).status()).isEqualTo(200);
        SignInFlow.Step back = browser.followOwn(browser.submitLogin(toProvider.location(), email, null));
        assertThat(back.status()).isEqualTo(302);
        assertThat(back.location()).startsWith(Auth.RETURN_TO + "?exchange_code=awx_ec_");
        // The redirect carries a credential: no cache may keep it, no Referer may leak it.
        assertThat(back.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(back.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        String code = SignInFlow.queryParam(back.location(), "exchange_code");

        Response tokens = Auth.exchange(code);
        tokens.then().statusCode(200).header("Cache-Control", containsString("no-store"))
                .body("token_type", equalTo("Bearer")).body("expires_in", equalTo(900))
                .body("refresh_token", notNullValue());
        String access = tokens.jsonPath().getString("access_token");

        Auth.me(access).then().statusCode(200).body("user.email", equalTo(email))
                .body("organization.plan", equalTo("free")).body("session.current", equalTo(true));

        Response refreshed = Auth.refresh(tokens.jsonPath().getString("refresh_token"));
        refreshed.then().statusCode(200);
        assertThat(refreshed.jsonPath().getString("refresh_token")).isNotEqualTo(tokens.jsonPath().getString("refresh_token"));

        Auth.logout(refreshed.jsonPath().getString("access_token")).then().statusCode(204);
        Auth.logout(refreshed.jsonPath().getString("access_token")).then().statusCode(204);
        Auth.me(access).then().statusCode(401);
        Auth.refresh(refreshed.jsonPath().getString("refresh_token")).then().statusCode(400)
                .body("type", equalTo("https://docs.agentwallex.com/problems/invalid_grant"));
    }

    @Test
    void firstSignInsOfOnePersonInSeveralTabsAtOnceMakeOneUser() throws Exception {
        String email = Auth.newEmail();
        List<SignInFlow> tabs = new ArrayList<>();
        List<SignInFlow.Step> backFromProvider = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            SignInFlow tab = new SignInFlow(Auth.base());
            SignInFlow.Step toProvider = tab.get("/auth/google/redirect?return_to=" + SignInFlow.enc(Auth.RETURN_TO));
            assertThat(tab.get(toProvider.location()).status()).isEqualTo(200);
            tabs.add(tab);
            backFromProvider.add(tab.submitLogin(toProvider.location(), email, null));
        }
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(tabs.size());
        try {
            List<Future<SignInFlow.Step>> landed = new ArrayList<>();
            for (int i = 0; i < tabs.size(); i++) {
                SignInFlow tab = tabs.get(i);
                SignInFlow.Step step = backFromProvider.get(i);
                landed.add(pool.submit(() -> {
                    go.await();
                    return tab.followOwn(step);
                }));
            }
            go.countDown();
            Set<String> users = new HashSet<>();
            for (Future<SignInFlow.Step> tab : landed) {
                SignInFlow.Step back = tab.get(30, TimeUnit.SECONDS);
                assertThat(back.status()).as(back.body()).isEqualTo(302);
                String code = SignInFlow.queryParam(back.location(), "exchange_code");
                users.add(Auth.me(Auth.exchange(code).jsonPath().getString("access_token")).jsonPath().getString("user.id"));
            }
            assertThat(users).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Authorization"})
    void theSignInStartWithATrailingSlashIsStillOnlyTheProvidersToAuthenticate(String header) {
        var request = io.restassured.RestAssured.given().redirects().follow(false);
        if (!header.isEmpty()) {
            request.header(header, "Bearer " + Auth.signedIn().jsonPath().getString("access_token"));
        }
        Response start = request.queryParam("return_to", Auth.RETURN_TO).get("/auth/google/redirect/");
        start.then().statusCode(302);
        assertThat(URI.create(start.header("Location")).getPath()).isEqualTo("/google/authorize");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Authorization", "X-API-Key"})
    void aCredentialSentToTheSignInStartIsNoSignInTheBrowserStillGoesToTheProvider(String header) {
        String access = Auth.signedIn().jsonPath().getString("access_token");
        Response start = io.restassured.RestAssured.given().redirects().follow(false)
                .header(header, header.equals("Authorization") ? "Bearer " + access : "awx_sandbox_notAKeyOfOurs")
                .queryParam("return_to", Auth.RETURN_TO).get("/auth/google/redirect");
        start.then().statusCode(302);
        assertThat(URI.create(start.header("Location")).getPath()).isEqualTo("/google/authorize");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.com", "//evil.com", "https://app.example.com.evil.com",
        "https://app.example.com/auth/callback/extra", "https://app.example.com/auth/callback?x=1", "javascript:alert(1)"})
    void aReturnToOffTheAllowlistIsRefusedBeforeTheProvider(String returnTo) {
        SignInFlow.Step step = new SignInFlow(Auth.base()).get("/auth/google/redirect?return_to=" + SignInFlow.enc(returnTo));
        assertThat(step.status()).isEqualTo(400);
        assertThat(step.location()).isNull();
        assertThat(step.body()).contains("return_to");
    }

    @Test
    void anUnverifiedEmailCannotSignIn() {
        SignInFlow.Step end = new SignInFlow(Auth.base()).signIn(Auth.RETURN_TO, "sub-" + System.nanoTime(),
                "{\"email\":\"mallory@example.com\",\"email_verified\":false}");
        assertThat(end.status()).isEqualTo(403);
        assertThat(end.location()).isNull();
    }

    @Test
    void theSameEmailWithAnotherSubjectIsAnotherUser() {
        String email = Auth.newEmail();
        String first = Auth.exchange(Auth.exchangeCode(email)).jsonPath().getString("access_token");
        SignInFlow.Step other = new SignInFlow(Auth.base()).signIn(Auth.RETURN_TO, "sub-" + System.nanoTime(),
                "{\"email\":\"" + email + "\",\"email_verified\":true}");
        assertThat(other.status()).isEqualTo(302);
        String second = Auth.exchange(SignInFlow.queryParam(other.location(), "exchange_code")).jsonPath().getString("access_token");
        assertThat(Auth.me(first).jsonPath().getString("user.id")).isNotEqualTo(Auth.me(second).jsonPath().getString("user.id"));
        assertThat(Auth.me(first).jsonPath().getString("organization.id"))
                .isNotEqualTo(Auth.me(second).jsonPath().getString("organization.id"));
    }

    @Test
    void aCallbackWithoutStateOrWithAForeignStateIsRefused() {
        SignInFlow browser = new SignInFlow(Auth.base());
        SignInFlow.Step stateless = browser.followOwn(browser.get("/auth/google/callback?code=abc"));
        assertThat(stateless.status()).isBetween(300, 499);
        assertThat(String.valueOf(stateless.location())).doesNotContain("exchange_code");
        SignInFlow.Step toProvider = browser.get("/auth/google/redirect");
        SignInFlow.Step callback = browser.submitLogin(toProvider.location(), Auth.newEmail(), null);
        String forged = callback.location().replaceAll("state=[^&]+", "state=forged");
        SignInFlow.Step answer = browser.followOwn(browser.get(forged));
        assertThat(answer.status()).isBetween(400, 499);
        assertThat(answer.location()).isNull();
    }
}
