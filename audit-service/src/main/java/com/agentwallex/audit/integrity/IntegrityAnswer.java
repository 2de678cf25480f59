package com.agentwallex.audit.integrity;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** GET /api/v1/audit-logs/integrity: what a verifier needs besides the export itself. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(requiredProperties = {"org_id", "checkpoints", "jwks_uri"})
record IntegrityAnswer(
        @JsonProperty("org_id") String orgId,
        @Schema(description = "The chain's current head (not signed yet if newer than the latest checkpoint); absent before the first event")
        Link head,
        @Schema(description = "Signed checkpoints with from_seq <= seq <= to_seq, oldest first; where the range holds"
                + " more than 1,000, the newest of each of 1,000 equal seq slices (narrow the range for every one)")
        List<Checkpoint> checkpoints,
        @JsonProperty("latest_checkpoint") @Schema(description = "The newest checkpoint of the organization, whatever the range: an export that ends before it is missing events")
        Checkpoint latestCheckpoint,
        @Schema(description = "Each event's link in the range, by seq (left out with links=false)")
        List<Link> links,
        @JsonProperty("jwks_uri") @Schema(description = "The public keys that sign checkpoints")
        String jwksUri) {

    @Schema(name = "ChainLink", requiredProperties = {"seq", "hash"})
    record Link(long seq, @JsonProperty("prev_hash") String prevHash, String hash) {
    }

    @Schema(requiredProperties = {"seq", "hash", "signed_at", "kid", "jws"})
    record Checkpoint(
            long seq,
            String hash,
            @JsonProperty("signed_at") Instant signedAt,
            String kid,
            @Schema(description = "Compact JWS, ES256: the canonical JSON {hash, org_id, seq, signed_at} signed with kid")
            String jws) {
    }
}
