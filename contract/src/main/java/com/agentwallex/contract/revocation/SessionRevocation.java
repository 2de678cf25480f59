package com.agentwallex.contract.revocation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.Objects;

/**
 * "Every access token of this session is dead": published by auth-service on
 * {@code agentwallex.session-revocations.v1}, keyed by session id (a compacted topic), and
 * consumed by every verifier. {@code expiresAt} is when the session's last access token
 * expires anyway, after which a verifier may forget the revocation.
 */
public record SessionRevocation(String sessionId, String orgId, String reason, Instant revokedAt, Instant expiresAt) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public SessionRevocation {
        Objects.requireNonNull(sessionId, "session_id");
        Objects.requireNonNull(revokedAt, "revoked_at");
        Objects.requireNonNull(expiresAt, "expires_at");
    }

    public byte[] encode() {
        ObjectNode node = MAPPER.createObjectNode()
                .put("session_id", sessionId).put("org_id", orgId).put("reason", reason)
                .put("revoked_at", revokedAt.toString()).put("expires_at", expiresAt.toString());
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static SessionRevocation decode(byte[] bytes) {
        try {
            JsonNode node = MAPPER.readTree(bytes);
            return new SessionRevocation(node.path("session_id").asText(null), node.path("org_id").asText(null),
                    node.path("reason").asText(null), Instant.parse(node.path("revoked_at").asText()),
                    Instant.parse(node.path("expires_at").asText()));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a session revocation", e);
        }
    }
}
