package com.agentwallex.audit.query;

import com.agentwallex.audit.verifier.EventChain;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keyset pages over one organization's events, newest first, or in stored order after a seq.
 * Filters only ever add bound parameters; the organization condition is always there.
 */
@ApplicationScoped
class AuditLogRepository {

    private static final String COLUMNS = "event_id, occurred_at, type, source, subject, org_id, actor_type, actor_id,"
            + " outcome, reason, client_ip, user_agent, request_id, resource_type, resource_id, details, traceparent,"
            + " seq, prev_hash, hash";

    private final Pool pool;

    AuditLogRepository(Pool pool) {
        this.pool = pool;
    }

    /** Up to {@code limit + 1} rows, so that the caller can tell whether another page exists. */
    Uni<List<AuditLogEntry>> page(AuditLogQuery q) {
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM audit_event");
        List<Object> args = new ArrayList<>();
        q.filter().where(sql, args);
        if (q.inStoredOrder()) {
            args.add(q.limit() + 1);
            sql.append(" ORDER BY seq LIMIT $").append(args.size());
            return rows(sql.toString(), args, q.limit());
        }
        if (q.after() != null) {
            args.add(AuditFilter.utc(q.after().time()));
            args.add(q.after().id());
            sql.append(" AND (occurred_at, event_id) < ($").append(args.size() - 1).append(", $").append(args.size()).append(')');
        }
        args.add(q.limit() + 1);
        sql.append(" ORDER BY occurred_at DESC, event_id DESC LIMIT $").append(args.size());
        return rows(sql.toString(), args, q.limit());
    }

    private Uni<List<AuditLogEntry>> rows(String sql, List<Object> args, int limit) {
        return pool.preparedQuery(sql).execute(Tuple.from(args)).map(rows -> {
            List<AuditLogEntry> entries = new ArrayList<>(limit + 1);
            for (Row row : rows) {
                entries.add(entry(row));
            }
            return entries;
        });
    }

    private static AuditLogEntry entry(Row row) {
        String resourceType = row.getString("resource_type");
        Object details = row.getValue("details");
        Map<String, Object> detailMap = details instanceof JsonObject json ? json.getMap() : Map.of();
        return new AuditLogEntry(
                row.getUUID("event_id"),
                row.getString("type"),
                row.getOffsetDateTime("occurred_at").toInstant(),
                row.getString("source"),
                row.getString("subject"),
                row.getString("org_id"),
                new AuditLogEntry.Actor(row.getString("actor_type"), row.getString("actor_id")),
                row.getString("outcome"),
                row.getString("reason"),
                row.getString("client_ip"),
                row.getString("user_agent"),
                row.getString("request_id"),
                resourceType == null ? null : new AuditLogEntry.Resource(resourceType, row.getString("resource_id")),
                detailMap,
                row.getString("traceparent"),
                row.getLong("seq"),
                hex(row.getBuffer("prev_hash")),
                hex(row.getBuffer("hash")));
    }

    private static String hex(io.vertx.mutiny.core.buffer.Buffer bytes) {
        return bytes == null ? null : EventChain.hex(bytes.getBytes());
    }
}
