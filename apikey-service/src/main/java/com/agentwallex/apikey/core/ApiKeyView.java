package com.agentwallex.apikey.core;

import com.agentwallex.common.ratelimit.RateLimitPolicy;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A key as its owners see it: metadata and the masked form. {@code key} is present only in the
 * answer to create and rotate, the one time the plaintext exists outside the caller's hands.
 * {@code ipAllowlistFrozen}: the key has an allowlist its organization's plan no longer includes;
 * it is still enforced and can be cleared, not changed.
 */
@Schema(requiredProperties = {"id", "name", "environment", "scopes", "masked_key", "ip_allowlist", "ip_allowlist_frozen", "rate_limits", "status", "created_at", "created_by", "rotation_due_at", "rotation_due"})
public record ApiKeyView(
        String id,
        String name,
        String environment,
        List<String> scopes,
        String maskedKey,
        List<String> ipAllowlist,
        boolean ipAllowlistFrozen,
        List<RateLimitView> rateLimits,
        String status,
        Instant createdAt,
        String createdBy,
        Instant lastUsedAt,
        String lastUsedIp,
        Instant expiresAt,
        Instant revokedAt,
        Instant rotationDueAt,
        boolean rotationDue,
        String rotatedFrom,
        String rotatedTo,
        @JsonInclude(JsonInclude.Include.NON_NULL) String key) {

    /** A rate limit as the API shows it: {@code name} is what the RateLimit headers call it. */
    @Schema(requiredProperties = {"name", "limit", "window_seconds"})
    public record RateLimitView(String name, long limit, int windowSeconds) {
        static RateLimitView of(RateLimitPolicy policy) {
            return new RateLimitView(policy.name(), policy.limit(), policy.windowSeconds());
        }
    }

    public static ApiKeyView of(ApiKeyEntity k, Caller caller, boolean rotationHardExpiry, Instant now) {
        return withKey(k, caller, rotationHardExpiry, now, null);
    }

    public static ApiKeyView withKey(ApiKeyEntity k, Caller caller, boolean rotationHardExpiry, Instant now, String plaintext) {
        return new ApiKeyView(k.id, k.name, k.environment, List.of(k.scopes), k.maskedKey, List.of(k.ipAllowlist),
                k.ipAllowlist.length > 0 && !caller.ipAllowlists(),
                k.rateLimits.stream().map(RateLimitView::of).toList(), k.status(now, rotationHardExpiry).wireName(), k.createdAt, k.createdBy, k.lastUsedAt, k.lastUsedIp,
                k.effectiveExpiry(rotationHardExpiry), k.revokedAt, k.rotationDueAt, !now.isBefore(k.rotationDueAt),
                k.rotatedFrom, k.rotatedTo, plaintext);
    }
}
