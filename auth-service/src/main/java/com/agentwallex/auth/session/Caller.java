package com.agentwallex.auth.session;

/** Whoever presented a valid access token of ours. */
public record Caller(String userId, String orgId, String sessionId) {
}
