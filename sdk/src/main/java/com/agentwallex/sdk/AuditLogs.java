package com.agentwallex.sdk;

import com.fasterxml.jackson.databind.JavaType;
import java.util.List;

/**
 * {@code GET /api/v1/audit-logs}: the caller's organization's audit log, newest first. An API key
 * needs the {@code audit:read} scope. (The export endpoint is not offered yet.)
 */
public final class AuditLogs {

    private static final JavaType PAGE = Json.type(EventPage.class);

    record EventPage(List<AuditEvent> data, Boolean hasMore, String nextCursor) {
    }

    private final Transport transport;
    private final Credential credential;

    AuditLogs(Transport transport, Credential credential) {
        this.transport = transport;
        this.credential = credential;
    }

    /** Every event, newest first, fetched a page at a time as you iterate. */
    public Paginated<AuditEvent> list() {
        return list(AuditLogQuery.all());
    }

    /** The events that match, newest first, fetched a page at a time as you iterate. */
    public Paginated<AuditEvent> list(AuditLogQuery query) {
        return new Paginated<>(cursor -> {
            EventPage page = transport.send(Transport.Call.get("/api/v1/audit-logs", query.parameters(cursor)),
                    credential, PAGE);
            boolean more = Boolean.TRUE.equals(page.hasMore()) && page.nextCursor() != null;
            return new Paginated.Page<>(page.data(), more ? page.nextCursor() : null);
        });
    }
}
