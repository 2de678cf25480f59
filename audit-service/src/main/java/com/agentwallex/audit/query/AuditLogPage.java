package com.agentwallex.audit.query;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

record AuditLogPage(
        List<AuditLogEntry> data,
        @JsonProperty("has_more") boolean hasMore,
        @JsonProperty("next_cursor") String nextCursor) {
}
