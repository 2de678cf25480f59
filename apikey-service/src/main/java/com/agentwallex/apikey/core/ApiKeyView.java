package com.agentwallex.apikey.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * A key as its owners see it: metadata and the masked form. {@code key} is present only in the
 * answer to create and rotate, the one time the plaintext exists outside the caller's hands.
 */
public record ApiKeyView(
        String id,
        String name,
        String environment,
        List<String> scopes,
        String maskedKey,
        List<String> ipAllowlist,
        String status,
        Instant createdAt,
        String createdBy,
        Instant lastUsedAt,
        Instant expiresAt,
        Instant revokedAt,
        Instant rotationDueAt,
        boolean rotationDue,
        String rotatedFrom,
        String rotatedTo,
        @JsonInclude(JsonInclude.Include.NON_NULL) String key) {

    public static ApiKeyView of(ApiKeyEntity k, boolean rotationHardExpiry, Instant now) {
        return withKey(k, rotationHardExpiry, now, null);
    }

    public static ApiKeyView withKey(ApiKeyEntity k, boolean rotationHardExpiry, Instant now, String plaintext) {
        return new ApiKeyView(k.id, k.name, k.environment, List.of(k.scopes), k.maskedKey, List.of(k.ipAllowlist),
                k.status(now, rotationHardExpiry).wireName(), k.createdAt, k.createdBy, k.lastUsedAt,
                k.effectiveExpiry(rotationHardExpiry), k.revokedAt, k.rotationDueAt, !now.isBefore(k.rotationDueAt),
                k.rotatedFrom, k.rotatedTo, plaintext);
    }
}
