package com.agentwallex.auth.session;

import java.time.Instant;

/** One sign-in: its refresh-token chain and every access token minted from it carry its id. */
public record SessionEntity(String id, String userId, String orgId, Instant createdAt, Instant absoluteExpiresAt,
                            Instant lastRefreshedAt, String clientIp, String userAgent, Instant revokedAt,
                            String revokeReason) {

    public boolean isActive(Instant now) {
        return revokedAt == null && now.isBefore(absoluteExpiresAt);
    }
}
