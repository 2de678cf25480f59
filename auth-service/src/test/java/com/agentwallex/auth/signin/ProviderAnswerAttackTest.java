package com.agentwallex.auth.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.agentwallex.auth.support.Auth;
import com.agentwallex.common.testing.SignInFlow;
import com.agentwallex.auth.support.TestKafka;
import com.agentwallex.contract.events.AuthEvent;
import com.agentwallex.contract.events.AuthEventCodec;
import com.agentwallex.contract.events.AuthEventType;
import com.agentwallex.contract.events.AuthTopics;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** ID tokens the provider (or someone in between) gets wrong: refused, audited, never a 5xx. */
@QuarkusTest
class ProviderAnswerAttackTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"aud\":\"someone-else\"}",
        "{\"iss\":\"https://evil.example\"}",
        "{\"exp\":1000000000}",
        "{\"nonce\":\"replayed-nonce\"}"
    })
    void anIdTokenWithAWrongClaimIsRefusedAndAudited(String claims) {
        String agent = "attack-" + UUID.randomUUID();
        SignInFlow.Step end = new SignInFlow(Auth.base(), agent).signIn(Auth.RETURN_TO, Auth.newEmail(), claims);
        assertThat(end.status()).isBetween(400, 499);
        assertThat(end.location()).isNull();
        assertThat(TestKafka.await(AuthTopics.AUTH_EVENTS, r -> new String(r.value()).contains(agent), 1,
                Duration.ofSeconds(15)))
                .extracting(r -> decode(r.value()).type()).containsExactly(AuthEventType.LOGIN_FAILED);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"email\":\"m@example.com\",\"email_verified\":\"true\"}",
        "{\"email\":\"m@example.com\",\"email_verified\":1}",
        "{\"email\":[\"m@example.com\"],\"email_verified\":true}",
        "{\"email\":\"m@example.com\",\"email_verified\":true,\"name\":{\"first\":\"M\"}}"
    })
    void aClaimOfTheWrongTypeIsARefusedAuditedSignInNeverA500(String claims) {
        String agent = "attack-" + UUID.randomUUID();
        // a username that is no email: the provider then takes email and email_verified from the claims
        SignInFlow.Step end = new SignInFlow(Auth.base(), agent).signIn(Auth.RETURN_TO, "sub-" + UUID.randomUUID(), claims);
        assertThat(end.status()).isEqualTo(403);
        assertThat(end.location()).isNull();
        assertThat(end.body()).contains("provider_claim_invalid").doesNotContain("Exception");
        assertThat(TestKafka.await(AuthTopics.AUTH_EVENTS, r -> new String(r.value()).contains(agent), 1,
                Duration.ofSeconds(15)))
                .extracting(r -> decode(r.value()).data().reason()).containsExactly("claim_wrong_type");
    }

    @Test
    void aSuccessfulSignInIsNotAlsoAuditedAsAFailure() {
        String agent = "ok-" + UUID.randomUUID();
        SignInFlow.Step end = new SignInFlow(Auth.base(), agent).signIn(Auth.RETURN_TO, Auth.newEmail(), null);
        assertThat(end.status()).isEqualTo(302);
        assertThat(TestKafka.await(AuthTopics.AUTH_EVENTS, r -> new String(r.value()).contains(agent), 1,
                Duration.ofSeconds(15)))
                .extracting(r -> decode(r.value()).type()).containsExactly(AuthEventType.LOGIN_SUCCEEDED);
    }

    @Test
    void aRefusedReturnToIsAuditedWithTheRequestIdItsAnswerCarries() {
        String agent = "attack-" + UUID.randomUUID();
        SignInFlow.Step step = new SignInFlow(Auth.base(), agent).get("/auth/google/redirect?return_to=https%3A%2F%2Fevil.com");
        assertThat(step.status()).isEqualTo(400);
        String answered = step.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(step.body()).contains("\"request_id\":\"" + answered + "\"");
        assertThat(TestKafka.await(AuthTopics.AUTH_EVENTS, r -> new String(r.value()).contains(agent), 1,
                Duration.ofSeconds(15)))
                .extracting(r -> decode(r.value()).data().reason(), r -> decode(r.value()).data().requestId())
                .containsExactly(tuple("return_to_not_allowed", answered));
    }

    @Test
    void aReplayedProviderCallbackIsRefused() {
        SignInFlow browser = new SignInFlow(Auth.base());
        SignInFlow.Step toProvider = browser.get("/auth/google/redirect?return_to=" + SignInFlow.enc(Auth.RETURN_TO));
        SignInFlow.Step callback = browser.submitLogin(toProvider.location(), Auth.newEmail(), null);
        assertThat(browser.followOwn(callback).location()).startsWith(Auth.RETURN_TO);

        SignInFlow.Step replayed = browser.get(callback.location());
        assertThat(replayed.status()).isBetween(300, 499);
        assertThat(String.valueOf(browser.followOwn(replayed).location())).as("the replay never yields a code")
                .doesNotContain("exchange_code");
        SignInFlow.Step elsewhere = new SignInFlow(Auth.base()).get(callback.location());
        assertThat(elsewhere.status()).isBetween(300, 499);
        assertThat(String.valueOf(new SignInFlow(Auth.base()).followOwn(elsewhere).location()))
                .doesNotContain("exchange_code");
    }

    private static AuthEvent decode(byte[] value) {
        try {
            return AuthEventCodec.decode(value);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
