package com.agentwallex.contract.revocation;

import com.agentwallex.contract.TopicRecordJson;
import java.time.Instant;
import java.util.Objects;

/**
 * "Forget what you cached about this key": published by apikey-service on
 * {@code agentwallex.api-key-revocations.v1} whenever a key is revoked, rotated or updated, and
 * consumed by every cache of verify answers. Without a key id it covers every key of the
 * organization (its key policy changed). {@code keyEndsAt} is when the key stops verifying for
 * good (at once when revoked or reported leaked, at the end of its grace when rotated), after which
 * nothing made from it may pass; null when the key lives on changed. Ids and times only, never key
 * material.
 */
public record ApiKeyRevocation(String keyId, String orgId, String reason, Instant at, Instant keyEndsAt) {

    public ApiKeyRevocation {
        Objects.requireNonNull(orgId, "org_id");
        Objects.requireNonNull(at, "at");
    }

    /** A change after which the key lives on (its scopes, allowlist or limits). */
    public static ApiKeyRevocation ofKey(String keyId, String orgId, String reason, Instant at) {
        return new ApiKeyRevocation(Objects.requireNonNull(keyId, "key_id"), orgId, reason, at, null);
    }

    /** A change that ends the key at {@code endsAt}: revoked or leaked ({@code at}), rotated (its grace end). */
    public static ApiKeyRevocation ending(String keyId, String orgId, String reason, Instant at, Instant endsAt) {
        return new ApiKeyRevocation(Objects.requireNonNull(keyId, "key_id"), orgId, reason, at,
                Objects.requireNonNull(endsAt, "key_ends_at"));
    }

    public static ApiKeyRevocation ofOrganization(String orgId, String reason, Instant at) {
        return new ApiKeyRevocation(null, orgId, reason, at, null);
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
                .put("key_id", keyId).put("org_id", orgId).put("reason", reason).put("at", at.toString())
                .put("key_ends_at", keyEndsAt == null ? null : keyEndsAt.toString()));
    }

    public static ApiKeyRevocation decode(byte[] bytes) {
        return TopicRecordJson.read(bytes, "an API key revocation", node -> new ApiKeyRevocation(
                node.path("key_id").asText(null), node.path("org_id").asText(null), node.path("reason").asText(null),
                Instant.parse(node.path("at").asText()),
                // absent in records written before it existed: read as a key that lives on
                node.hasNonNull("key_ends_at") ? Instant.parse(node.path("key_ends_at").asText()) : null));
    }
}
