package com.agentwallex.contract.revocation;

import com.agentwallex.contract.TopicRecordJson;
import java.time.Instant;
import java.util.Objects;

/**
 * "Forget what you cached about this key": published by apikey-service on
 * {@code agentwallex.api-key-revocations.v1} whenever a key is revoked, rotated or updated, and
 * consumed by every cache of verify answers. Without a key id it covers every key of the
 * organization (its key policy changed). It carries ids only, never key material.
 */
public record ApiKeyRevocation(String keyId, String orgId, String reason, Instant at) {

    public ApiKeyRevocation {
        Objects.requireNonNull(orgId, "org_id");
        Objects.requireNonNull(at, "at");
    }

    public static ApiKeyRevocation ofKey(String keyId, String orgId, String reason, Instant at) {
        return new ApiKeyRevocation(Objects.requireNonNull(keyId, "key_id"), orgId, reason, at);
    }

    public static ApiKeyRevocation ofOrganization(String orgId, String reason, Instant at) {
        return new ApiKeyRevocation(null, orgId, reason, at);
    }

    public boolean coversOrganization() {
        return keyId == null;
    }

    /** The record key on the compacted topic: the latest word about a key (or org) is what counts. */
    public String recordKey() {
        return coversOrganization() ? "org:" + orgId : keyId;
    }

    public byte[] encode() {
        return TopicRecordJson.write(TopicRecordJson.object()
                .put("key_id", keyId).put("org_id", orgId).put("reason", reason).put("at", at.toString()));
    }

    public static ApiKeyRevocation decode(byte[] bytes) {
        return TopicRecordJson.read(bytes, "an API key revocation", node -> new ApiKeyRevocation(
                node.path("key_id").asText(null), node.path("org_id").asText(null), node.path("reason").asText(null),
                Instant.parse(node.path("at").asText())));
    }
}
