package com.agentwallex.common.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.agentwallex.contract.revocation.SessionRevocation;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RevokedSessionsTest {

    private static final Duration SKEW = AccessTokenVerifier.CLOCK_SKEW;
    private final Instant now = Instant.parse("2026-12-04T12:00:00Z");

    @Test
    void aSessionStaysRevokedWhileItsLastTokenStillPassesWithTheClockSkew() {
        RevokedSessions revoked = new RevokedSessions(SKEW);
        // its last access token expired 10 s ago, and verifiers still take it for another 20 s
        revoked.add(revocation("ses_1", now.minusSeconds(10)), now);
        assertThat(revoked.isRevoked("ses_1", now)).isTrue();
        assertThat(revoked.isRevoked("ses_1", now.plus(SKEW).minusSeconds(11))).isTrue();
    }

    @Test
    void aSessionIsForgottenOnceNoTokenOfItCanPass() {
        RevokedSessions revoked = new RevokedSessions(SKEW);
        revoked.add(revocation("ses_2", now.plusSeconds(60)), now);
        assertThat(revoked.isRevoked("ses_2", now.plusSeconds(60).plus(SKEW).minusMillis(1))).isTrue();
        assertThat(revoked.isRevoked("ses_2", now.plusSeconds(60).plus(SKEW))).isFalse();
        assertThat(revoked.size()).isZero();
    }

    @Test
    void aRevocationReadAfterEveryTokenOfTheSessionDiedIsNotKept() {
        RevokedSessions revoked = new RevokedSessions(SKEW);
        revoked.add(revocation("ses_3", now.minus(SKEW).minusSeconds(1)), now);
        assertThat(revoked.size()).isZero();
        assertThat(revoked.isRevoked("ses_3", now)).isFalse();
        assertThat(revoked.isRevoked(null, now)).isFalse();
    }

    private SessionRevocation revocation(String sessionId, Instant lastTokenExpiry) {
        return new SessionRevocation(sessionId, "org_1", "logout", now.minusSeconds(900), lastTokenExpiry);
    }
}
