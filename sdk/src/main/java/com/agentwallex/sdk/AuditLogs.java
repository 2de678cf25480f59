package com.agentwallex.sdk;

import com.fasterxml.jackson.databind.JavaType;
import java.io.OutputStream;
import java.util.List;

/**
 * {@code GET /api/v1/audit-logs}: the caller's organization's audit log, newest first. An API key
 * needs the {@code audit:read} scope.
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

    /**
     * The whole log that matches, in stored order, written to {@code out} as NDJSON (one event a
     * line, with its {@code seq}, {@code prev_hash} and {@code hash}) as it streams from
     * {@code GET /api/v1/audit-logs/export}: keep it, and verify it offline against the signed
     * checkpoints. Never held in memory. Exports are audited and limited per organization.
     */
    public void export(AuditLogQuery query, OutputStream out) {
        transport.download(Transport.Call.get("/api/v1/audit-logs/export", query.exportParameters()), credential,
                "application/x-ndjson", out);
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
