package com.agentwallex.common.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.agentwallex.contract.revocation.ApiKeyRevocation;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RevokedKeysTest {

    private static final Instant T = Instant.parse("2026-12-07T12:00:00Z");
    private static final Duration LIFETIME = Duration.ofMinutes(16);

    private final RevokedKeys keys = new RevokedKeys(LIFETIME);

    @Test
    void aChangedKeysTokensMadeBeforeTheChangeAreVoidAndThoseMadeAfterAreNot() {
        keys.add(ApiKeyRevocation.ofKey("key_1", "org_1", "updated", T), T);
        assertThat(keys.voids("key_1", "org_1", T.minusSeconds(60), T.plusSeconds(5))).isTrue();
        assertThat(keys.voids("key_1", "org_1", T, T.plusSeconds(5))).as("same second").isTrue();
        assertThat(keys.voids("key_1", "org_1", T.plusSeconds(1), T.plusSeconds(5))).isFalse();
        assertThat(keys.voids("key_2", "org_1", T.minusSeconds(60), T.plusSeconds(5))).isFalse();
    }

    @Test
    void aRevokedKeysTokensAreAllVoidEvenOnesAStaleVerifyCacheLetBeMadeAfterTheRevocation() {
        keys.add(ApiKeyRevocation.ending("key_1", "org_1", "revoked", T, T), T.plusSeconds(2));
        assertThat(keys.voids("key_1", "org_1", T.minusSeconds(60), T.plusSeconds(3))).isTrue();
        assertThat(keys.voids("key_1", "org_1", T.plusSeconds(20), T.plusSeconds(30))).isTrue();
    }

    @Test
    void aRotatedKeysTokensPassThroughTheGraceAndNoneAfterIt() {
        Instant graceEnd = T.plusSeconds(120);
        keys.add(ApiKeyRevocation.ending("key_1", "org_1", "rotated", T, graceEnd), T);
        Instant madeBefore = T.minusSeconds(30);   // lives 15 minutes: past the 2-minute grace
        assertThat(keys.voids("key_1", "org_1", madeBefore, graceEnd.minusSeconds(1))).isFalse();
        assertThat(keys.voids("key_1", "org_1", madeBefore, graceEnd)).isTrue();
        assertThat(keys.voids("key_1", "org_1", T.plusSeconds(60), graceEnd.plusSeconds(1))).isTrue();
    }

    @Test
    void aRotationWithoutGraceEndsTheOldKeysTokensAtOnce() {
        keys.add(ApiKeyRevocation.ending("key_1", "org_1", "rotated", T, T), T);
        assertThat(keys.voids("key_1", "org_1", T.minusSeconds(30), T)).isTrue();
    }

    @Test
    void aRotatedKeyChangedDuringItsGraceStillEndsWithItAndVoidsTheTokensMadeBeforeTheChange() {
        // On the compacted topic the change's record replaces the rotation's: it carries the end too.
        Instant graceEnd = T.plusSeconds(600);
        keys.add(ApiKeyRevocation.ending("key_1", "org_1", "updated", T, graceEnd), T);
        assertThat(keys.voids("key_1", "org_1", T.minusSeconds(30), T.plusSeconds(1))).isTrue();
        assertThat(keys.voids("key_1", "org_1", T.plusSeconds(30), T.plusSeconds(60))).isFalse();
        assertThat(keys.voids("key_1", "org_1", T.plusSeconds(30), graceEnd)).isTrue();
    }

    @Test
    void aRotationRecordedWithoutItsEndVoidsNothing() {
        keys.add(ApiKeyRevocation.ofKey("key_1", "org_1", "rotated", T), T);
        assertThat(keys.voids("key_1", "org_1", T.minusSeconds(30), T.plusSeconds(5))).isFalse();
        assertThat(keys.size()).isZero();
    }

    @Test
    void anOrganizationsPolicyChangeVoidsTheTokensOfEveryKeyMadeBeforeIt() {
        keys.add(ApiKeyRevocation.ofOrganization("org_1", "policy_changed", T), T);
        assertThat(keys.voids("key_9", "org_1", T.minusSeconds(1), T.plusSeconds(1))).isTrue();
        assertThat(keys.voids("key_9", "org_2", T.minusSeconds(1), T.plusSeconds(1))).isFalse();
    }

    @Test
    void entriesNoTokenCanStillPassAreNotKept() {
        keys.add(ApiKeyRevocation.ofKey("key_1", "org_1", "updated", T), T.plus(LIFETIME).plusSeconds(1));
        keys.add(ApiKeyRevocation.ending("key_2", "org_1", "revoked", T, T), T.plus(LIFETIME).plusSeconds(600));
        assertThat(keys.size()).isZero();
    }
}
