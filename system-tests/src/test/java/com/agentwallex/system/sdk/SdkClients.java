package com.agentwallex.system.sdk;

import com.agentwallex.common.testing.SignInFlow;
import com.agentwallex.sdk.AgentWallex;
import com.agentwallex.sdk.ApiKey;
import com.agentwallex.sdk.Environment;
import com.agentwallex.sdk.NewApiKey;
import com.agentwallex.sdk.RetryPolicy;
import com.agentwallex.sdk.SignIn;
import com.agentwallex.sdk.TokenSession;
import com.agentwallex.system.support.Issued;
import com.agentwallex.system.support.Stack;
import com.agentwallex.system.support.ValidatingHttpClient;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;

/** The SDK as a customer configures it, pointed at this run's entry point, every exchange held to /openapi.json. */
final class SdkClients {

    /** Quick retries, so the outage tests wait seconds rather than the production defaults. */
    static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(50), Duration.ofSeconds(3));

    final ValidatingHttpClient http = ValidatingHttpClient.forStack();

    AgentWallex.Builder builder() {
        return AgentWallex.builder().baseUrl(Stack.entry()).httpClient(http).retry(FAST);
    }

    /** A client with no credential: the sign-in helpers. */
    AgentWallex anonymous() {
        return builder().build();
    }

    AgentWallex withKey(String key) {
        return builder().apiKey(key).build();
    }

    /**
     * A new user signed in the way a web back end does it with the SDK: the authorization URL with
     * PKCE, the browser through the provider, the code and the verifier exchanged.
     */
    TokenSession signIn() {
        SignIn signIn = anonymous().signIn();
        SignIn.AuthorizationRequest start = signIn.authorizationRequest(Stack.RETURN_TO);
        return recorded(signIn.exchange(browserSignsIn(start), start.codeVerifier()));
    }

    /** A new user's browser sent to the authorization URL, through the provider and back: the exchange code it brings. */
    static String browserSignsIn(SignIn.AuthorizationRequest start) {
        SignInFlow browser = new SignInFlow(URI.create(Stack.entry()), "awx-sdk-tests");
        SignInFlow.Step back = browser.signInWith(start.url().getRawQuery(), "sdk-" + UUID.randomUUID() + "@example.com", null);
        if (back.status() != 302 || back.location() == null || !back.location().startsWith(Stack.RETURN_TO)) {
            throw new IllegalStateException("sign-in did not come back with a code: " + back.status());
        }
        return Issued.secret(SignInFlow.queryParam(back.location(), "exchange_code"));
    }

    /** A new user, signed in: the client that acts with their session. */
    AgentWallex signedIn() {
        return anonymous().withSession(signIn());
    }

    /** A key the signed-in user creates, its secret in the ledger the hygiene scan reads. */
    static ApiKey newKey(AgentWallex asUser, String name, Environment environment, String... scopes) {
        return recorded(asUser.apiKeys().create(NewApiKey.of(name, environment, scopes)));
    }

    /** The session's current tokens in the ledger the hygiene scan reads. */
    static TokenSession recorded(TokenSession session) {
        Issued.secret(session.accessToken());
        Issued.secret(session.refreshToken());
        return session;
    }

    static ApiKey recorded(ApiKey key) {
        Issued.secret(key.key());
        return key;
    }
}
