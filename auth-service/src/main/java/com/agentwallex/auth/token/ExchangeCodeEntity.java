package com.agentwallex.auth.token;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "exchange_code")
public class ExchangeCodeEntity {

    @Id
    @Column(name = "code_hash")
    public String codeHash;

    @Column(name = "session_id", nullable = false)
    public String sessionId;

    @Column(name = "return_to", nullable = false)
    public String returnTo;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "spent_at")
    public Instant spentAt;
}
