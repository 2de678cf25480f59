package com.agentwallex.system.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.agentwallex.sdk.AgentWallex;
import com.agentwallex.sdk.AuthenticationException;
import com.agentwallex.sdk.InvalidRequestException;
import com.agentwallex.sdk.RateLimitedException;
import com.agentwallex.sdk.Session;
import com.agentwallex.sdk.SignIn;
import com.agentwallex.sdk.TokenSession;
import com.agentwallex.system.support.Stack;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The sign-in helpers and the sessions resource, as a web back end uses them, against the running stack. */
@QuarkusTest
@WithTestResource(value = Stack.class, scope = TestResourceScope.GLOBAL)
class SdkSignInAndSessionsTest {

    private final SdkClients clients = new SdkClients();

    @Test
    void aSignInWithPkceGivesATokenSessionThatRefreshesListsSessionsAndLogsOut() {
        TokenSession tokens = clients.signIn();
        AgentWallex asUser = clients.anonymous().withSession(tokens);
        assertThat(asUser.me().type()).isEqualTo("user");
        assertThat(asUser.sessions().list()).filteredOn(Session::current).hasSize(1);

        String before = tokens.refreshToken();
        tokens.refresh();
        SdkClients.recorded(tokens);
        assertThat(tokens.refreshToken()).isNotEqualTo(before);
        assertThat(asUser.me().user().email()).endsWith("@example.com");

        tokens.logout();
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(catchThrowableOfType(AuthenticationException.class, asUser::me).status()).isEqualTo(401));
    }

    @Test
    void aStoredRefreshTokenResumesTheSession() {
        TokenSession tokens = clients.signIn();
        TokenSession resumed = SdkClients.recorded(clients.anonymous().signIn().resume(tokens.refreshToken()));
        assertThat(clients.anonymous().withSession(resumed).me().type()).isEqualTo("user");
    }

    @Test
    void aCodeExchangedWithTheWrongVerifierIsRefused() {
        SignIn signIn = clients.anonymous().signIn();
        SignIn.AuthorizationRequest start = signIn.authorizationRequest(Stack.RETURN_TO);
        String code = SdkClients.browserSignsIn(start);
        String otherVerifier = signIn.authorizationRequest(Stack.RETURN_TO).codeVerifier();
        InvalidRequestException refused = catchThrowableOfType(InvalidRequestException.class,
                () -> signIn.exchange(code, otherVerifier));
        assertThat(refused.code()).isEqualTo("invalid_grant");
    }

    @Test
    void sessionsEndOneAtATimeOrAllAtOnce() {
        TokenSession first = clients.signIn();
        AgentWallex asUser = clients.anonymous().withSession(first);
        String me = asUser.me().user().id();
        Session current = asUser.sessions().list().stream().filter(Session::current).findFirst().orElseThrow();
        asUser.sessions().revoke(current.id());
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(catchThrowableOfType(AuthenticationException.class, asUser::me)).isNotNull());

        TokenSession second = clients.signIn();
        AgentWallex again = clients.anonymous().withSession(second);
        assertThat(again.me().user().id()).isNotEqualTo(me);
        again.sessions().revokeAll();
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(catchThrowableOfType(AuthenticationException.class, again::me)).isNotNull());
    }

    @Test
    void tooManyFailedGrantsAreRateLimitedWithTheServersRetryAfter() {
        SignIn signIn = clients.anonymous().signIn();
        RateLimitedException limited = null;
        // 20 failures a minute per client address (auth-service's default), then 429
        for (int i = 0; i < 25 && limited == null; i++) {
            try {
                signIn.resume("awx_rt_" + "s".repeat(43));
            } catch (RateLimitedException e) {
                limited = e;
            } catch (InvalidRequestException expected) {
                assertThat(expected.code()).isEqualTo("invalid_grant");
            }
        }
        assertThat(limited).isNotNull();
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.retryAfter()).hasValueSatisfying(wait -> assertThat(wait).isPositive());
        // the other tests sign in from this address too: wait out the window before handing it back
        Awaitility.await().atMost(limited.retryAfter().get().plusSeconds(5)).pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    try {
                        signIn.resume("awx_rt_" + "t".repeat(43));
                        return false;
                    } catch (RateLimitedException stillLimited) {
                        return false;
                    } catch (InvalidRequestException windowOver) {
                        return true;
                    }
                });
    }
}
