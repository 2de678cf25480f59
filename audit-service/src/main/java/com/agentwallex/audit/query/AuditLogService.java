package com.agentwallex.audit.query;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/**
 * A page of one organization's log from the query parameters: validates them, reads one row more
 * than the page holds (so {@code has_more} needs no count), and signs where the page ended as the
 * next cursor. The resource only knows HTTP; the cursor's format and the paging rule live here.
 */
@ApplicationScoped
class AuditLogService {

    private final AuditLogRepository repository;
    private final CursorCodec cursors;

    AuditLogService(AuditLogRepository repository, CursorCodec cursors) {
        this.repository = repository;
        this.cursors = cursors;
    }

    Uni<AuditLogPage> page(String orgId, Map<String, List<String>> parameters) {
        AuditLogQuery query = AuditLogQuery.parse(orgId, parameters, cursors);
        return repository.page(query).map(rows -> {
            boolean more = rows.size() > query.limit();
            List<AuditLogEntry> data = more ? rows.subList(0, query.limit()) : rows;
            String next = null;
            // The stored-order feed is resumed by after_seq, which the caller already has: no cursor.
            if (more && !query.inStoredOrder()) {
                AuditLogEntry last = data.get(data.size() - 1);
                next = cursors.encode(orgId, new CursorCodec.Position(last.time(), last.id()));
            }
            return new AuditLogPage(List.copyOf(data), more, next);
        });
    }
}
