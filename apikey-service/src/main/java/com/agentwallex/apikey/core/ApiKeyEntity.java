package com.agentwallex.apikey.core;

import com.agentwallex.common.ratelimit.RateLimitPolicy;
import java.time.Instant;
import java.util.List;

/** A row of api_keys; {@link ApiKeyRepository} reads and writes it. */
public class ApiKeyEntity {

    public String id;
    public String orgId;
    public String name;
    public String environment;
    public String[] scopes;
    public String[] ipAllowlist;
    public byte[] keyHash;
    public String maskedKey;
    public String createdBy;
    public Instant createdAt;
    public Instant expiresAt;
    public Instant rotationDueAt;
    public Instant revokedAt;
    public String rotatedFrom;
    public String rotatedTo;
    public Instant lastUsedAt;
    /** The client address of the last use the usage recorder wrote. */
    public String lastUsedIp;

    /** Limits on the key's successful calls, shortest window first; empty: none. */
    public List<RateLimitPolicy> rateLimits = List.of();

    /** The organization's plan when a user last changed the key. */
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
