package com.agentwallex.apikey.core;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "api_keys")
public class ApiKeyEntity {

    @Id
    public String id;

    @Column(name = "org_id", nullable = false)
    public String orgId;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String environment;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public String[] scopes;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "ip_allowlist", nullable = false)
    public String[] ipAllowlist;

    @Column(name = "key_hash", nullable = false, updatable = false)
    public byte[] keyHash;

    @Column(name = "masked_key", nullable = false, updatable = false)
    public String maskedKey;

    @Column(name = "created_by", nullable = false, updatable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "rotation_due_at", nullable = false)
    public Instant rotationDueAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "rotated_from")
    public String rotatedFrom;

    @Column(name = "rotated_to")
    public String rotatedTo;

    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    /** The organization's plan when a user last changed the key. */
    @Column(nullable = false)
    public String plan;

    /** When the key stops working: its own expiry, or its rotation date under a hard-expiry policy. */
    public Instant effectiveExpiry(boolean rotationHardExpiry) {
        return effectiveExpiry(expiresAt, rotationDueAt, rotationHardExpiry);
    }

    public static Instant effectiveExpiry(Instant expiresAt, Instant rotationDueAt, boolean rotationHardExpiry) {
        if (rotationHardExpiry && (expiresAt == null || rotationDueAt.isBefore(expiresAt))) {
            return rotationDueAt;
        }
        return expiresAt;
    }

    public ApiKeyStatus status(Instant now, boolean rotationHardExpiry) {
        Instant expiry = effectiveExpiry(rotationHardExpiry);
        if (revokedAt != null) {
            return ApiKeyStatus.REVOKED;
        }
        if (expiry != null && !now.isBefore(expiry)) {
            return ApiKeyStatus.EXPIRED;
        }
        return rotatedTo != null ? ApiKeyStatus.ROTATING : ApiKeyStatus.ACTIVE;
    }
}
