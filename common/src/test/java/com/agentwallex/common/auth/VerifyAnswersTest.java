package com.agentwallex.common.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.agentwallex.common.auth.ApiKeyClient.Answer;
import com.agentwallex.contract.revocation.ApiKeyRevocation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VerifyAnswersTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    private final VerifyAnswers answers = new VerifyAnswers(100, Duration.ofSeconds(30), Duration.ofSeconds(5));

    private static Answer valid(String keyId, Instant expiresAt) {
        AwxPrincipal.KeyFacts facts = new AwxPrincipal.KeyFacts(null, expiresAt, false, List.of());
        return new Answer("VALID", new AwxPrincipal(AwxPrincipal.ActorType.API_KEY, keyId, "org_1", Set.of("audit:read"),
                "sandbox", "free", null, facts, null, List.of()));
    }

    @Test
    void anAnswerAskedForBeforeNoEvictionIsRemembered() {
        long ticket = answers.ticket();
        answers.remember(ticket, "k1|ip", valid("key_1", null), NOW);
        assertThat(answers.get("k1|ip", NOW)).isNotNull();
    }

    @Test
    void anAnswerInFlightWhenItsKeyIsRevokedIsNotRemembered() {
        long ticket = answers.ticket();
        // The revocation arrives while apikey-service's (possibly earlier) answer is on its way back.
        answers.evict(ApiKeyRevocation.ofKey("key_1", "org_1", "revoked", NOW), NOW);
        answers.remember(ticket, "k1|ip", valid("key_1", null), NOW);
        assertThat(answers.get("k1|ip", NOW)).isNull();
    }

    @Test
    void anEvictionRemovesTheAffectedKeysAcceptancesOnly() {
        answers.remember(answers.ticket(), "k1|ip", valid("key_1", null), NOW);
        answers.remember(answers.ticket(), "k2|ip", valid("key_2", null), NOW);
        answers.evict(ApiKeyRevocation.ofKey("key_1", "org_1", "revoked", NOW), NOW);
        assertThat(answers.get("k1|ip", NOW)).isNull();
        assertThat(answers.get("k2|ip", NOW)).isNotNull();
    }

    @Test
    void aRememberedAcceptanceIsNotUsedOnceTheKeyHasExpired() {
        // A rotated key's grace end or a key's expires_at sends no revocation.
        Instant expiry = NOW.plusSeconds(10);
        answers.remember(answers.ticket(), "k1|ip", valid("key_1", expiry), NOW);
        assertThat(answers.get("k1|ip", expiry.minusMillis(1))).isNotNull();
        assertThat(answers.get("k1|ip", expiry)).isNull();
        assertThat(answers.get("k1|ip", expiry.minusMillis(1))).as("forgotten, not only hidden").isNull();
    }

    @Test
    void forAFewSecondsAfterAnEvictionAnAcceptanceOfTheChangedKeyIsNotRemembered() {
        // Another apikey-service replica may not have heard of the change yet and answer as before it.
        answers.evict(ApiKeyRevocation.ofKey("key_1", "org_1", "updated", NOW), NOW);
        answers.remember(answers.ticket(), "k1|ip", valid("key_1", null), NOW.plusSeconds(1));
        assertThat(answers.get("k1|ip", NOW.plusSeconds(1))).isNull();
        answers.remember(answers.ticket(), "k2|ip", valid("key_2", null), NOW.plusSeconds(1));
        assertThat(answers.get("k2|ip", NOW.plusSeconds(1))).as("another key").isNotNull();
        answers.remember(answers.ticket(), "k1|ip", valid("key_1", null), NOW.plus(VerifyAnswers.SETTLING));
        assertThat(answers.get("k1|ip", NOW.plus(VerifyAnswers.SETTLING))).as("settled").isNotNull();
    }

    @Test
    void anOrganizationsEvictionHoldsBackItsKeysAcceptancesToo() {
        answers.evict(ApiKeyRevocation.ofOrganization("org_1", "policy_changed", NOW), NOW);
        answers.remember(answers.ticket(), "k1|ip", valid("key_1", null), NOW.plusSeconds(1));
        assertThat(answers.get("k1|ip", NOW.plusSeconds(1))).isNull();
    }
}
