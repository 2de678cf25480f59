package com.agentwallex.audit.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One stored event as the API shows it: the CloudEvent's facts, flattened for readers. */
@JsonInclude(JsonInclude.Include.NON_NULL)
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
        String traceparent) {

    record Actor(String type, String id) {
    }

    record Resource(String type, String id) {
    }
}
