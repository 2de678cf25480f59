package com.agentwallex.auth.session;

/** Whoever presented a valid access token of ours, with the session that token belongs to. */
public record Caller(String userId, String orgId, SessionEntity session) {

    public String sessionId() {
        return session.id();
    }
}
