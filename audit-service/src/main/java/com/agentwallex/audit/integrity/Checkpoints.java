package com.agentwallex.audit.integrity;

import com.agentwallex.audit.verifier.EventChain;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** What a checkpoint signs: the canonical JSON of {org_id, seq, hash, signed_at}. */
final class Checkpoints {

    private Checkpoints() {
    }

    static String payload(String orgId, long seq, byte[] hash, Instant signedAt) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.put("org_id", orgId).put("seq", seq).put("hash", EventChain.hex(hash)).put("signed_at", EventChain.time(signedAt));
        return EventChain.canonicalJson(payload);
    }
}
