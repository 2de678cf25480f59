package com.agentwallex.audit.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One stored event as the API shows it: the CloudEvent's facts, flattened for readers, with its chain link. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(requiredProperties = {"id", "type", "time", "source", "org_id", "actor", "outcome", "details"})
record AuditLogEntry(
        UUID id,
        String type,
        Instant time,
        String source,
        String subject,
        @JsonProperty("org_id") String orgId,
        Actor actor,
        String outcome,
        String reason,
        @JsonProperty("client_ip") String clientIp,
        @JsonProperty("user_agent") String userAgent,
        @JsonProperty("request_id") String requestId,
        Resource resource,
        Map<String, Object> details,
        @Schema(description = "W3C trace context of the request behind the event, 00-<trace id>-<span id>-<flags>: the"
                + " caller's trace id when it sent a traceparent, the span of the service that acted, flags 01 when that"
                + " span was recorded (exported); absent outside a request")
        String traceparent,
        @Schema(description = "Position in the organization's hash chain, in stored order (absent on events stored before the chain began)")
        Long seq,
        @JsonProperty("prev_hash") @Schema(description = "Hex SHA-256 link of the event before (64 zeros for seq 1)")
        String prevHash,
        @Schema(description = "Hex SHA-256(prev_hash || canonical form of this event); README, \"The audit chain\"")
        String hash) {

    @Schema(name = "AuditActor", requiredProperties = {"type", "id"})
    record Actor(String type, String id) {
    }

    @Schema(name = "AuditResource", requiredProperties = {"type"})
    record Resource(String type, String id) {
    }
}
