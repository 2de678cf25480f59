package com.agentwallex.contract.revocation;

import com.agentwallex.contract.TopicRecordJson;
import java.time.Instant;
import java.util.Objects;

/**
 * "Every access token of this session is dead": published by auth-service on
 * {@code agentwallex.session-revocations.v1}, keyed by session id (a compacted topic), and
 * consumed by every verifier. {@code expiresAt} is when the session's last access token
 * expires anyway, after which a verifier may forget the revocation.
 */
public record SessionRevocation(String sessionId, String orgId, String reason, Instant revokedAt, Instant expiresAt) {

    public SessionRevocation {
        Objects.requireNonNull(sessionId, "session_id");
        Objects.requireNonNull(revokedAt, "revoked_at");
        Objects.requireNonNull(expiresAt, "expires_at");
    }

    public byte[] encode() {
        return TopicRecordJson.write(TopicRecordJson.object()
                .put("session_id", sessionId).put("org_id", orgId).put("reason", reason)
                .put("revoked_at", revokedAt.toString()).put("expires_at", expiresAt.toString()));
    }

    public static SessionRevocation decode(byte[] bytes) {
        return TopicRecordJson.read(bytes, "a session revocation", node -> new SessionRevocation(
                node.path("session_id").asText(null), node.path("org_id").asText(null), node.path("reason").asText(null),
                Instant.parse(node.path("revoked_at").asText()), Instant.parse(node.path("expires_at").asText())));
    }
}
