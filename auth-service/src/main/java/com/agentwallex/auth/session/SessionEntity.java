package com.agentwallex.auth.session;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One sign-in: its refresh-token chain and every access token minted from it carry its id. */
@Entity
@Table(name = "session")
public class SessionEntity {

    @Id
    public String id;

    @Column(name = "user_id", nullable = false)
    public String userId;

    @Column(name = "org_id", nullable = false)
    public String orgId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "absolute_expires_at", nullable = false)
    public Instant absoluteExpiresAt;

    @Column(name = "last_refreshed_at")
    public Instant lastRefreshedAt;

    @Column(name = "client_ip")
    public String clientIp;

    @Column(name = "user_agent")
    public String userAgent;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "revoke_reason")
    public String revokeReason;

    public boolean isActive(Instant now) {
        return revokedAt == null && now.isBefore(absoluteExpiresAt);
    }
}
