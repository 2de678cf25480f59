package com.agentwallex.auth.token;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One link of a session's rotation chain; only the token's hash is kept. */
@Entity
@Table(name = "refresh_token")
class RefreshTokenEntity {

    @Id
    String id;

    @Column(name = "session_id", nullable = false)
    String sessionId;

    @Column(name = "token_hash", nullable = false, unique = true)
    String tokenHash;

    @Column(name = "issued_at", nullable = false)
    Instant issuedAt;

    @Column(name = "idle_expires_at", nullable = false)
    Instant idleExpiresAt;

    @Column(name = "spent_at")
    Instant spentAt;

    @Column(name = "successor_id")
    String successorId;
}
