package com.agentwallex.sdk;

import java.time.Instant;
import java.util.List;

/**
 * An API key's metadata. {@link #ipAllowlistFrozen()}: the key's allowlist is one its organization's
 * plan no longer includes; it is still enforced and can be cleared, not changed. {@link #key()} holds the full key only in the answer to a creation or a
 * rotation, the one time the API ever shows it; store it then (a secret manager, an environment
 * variable), never in logs: {@link #toString()} leaves it out.
 */
public record ApiKey(String id, String name, Environment environment, List<String> scopes, String maskedKey,
                     List<String> ipAllowlist, Boolean ipAllowlistFrozen, List<RateLimit> rateLimits, String status, Instant createdAt,
                     String createdBy, Instant lastUsedAt, String lastUsedIp, Instant expiresAt, Instant revokedAt, Instant rotationDueAt, Boolean rotationDue,
                     String rotatedFrom, String rotatedTo, String key) {

    @Override
    public String toString() {
        return "ApiKey[id=" + id + ", name=" + name + ", environment=" + (environment == null ? null : environment.wireName())
                + ", scopes=" + scopes + ", masked_key=" + maskedKey + ", status=" + status + ", created_at=" + createdAt
                + ", expires_at=" + expiresAt + ", revoked_at=" + revokedAt + ", rotation_due_at=" + rotationDueAt
                + (key == null ? "" : ", key=(shown once; not printed)") + "]";
    }
}
