package com.agentwallex.sdk;

import java.time.Instant;

/** A signed-in session of the user; {@code current} marks the one making the call. */
public record Session(String id, Instant createdAt, Instant expiresAt, Instant lastRefreshedAt, String clientIp,
                      String userAgent, Boolean current) {
}
