package com.agentwallex.audit.export;

import com.agentwallex.audit.query.AuditFilter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an export a page at a time, by keyset on seq: each page is one short query on the
 * (org_id, seq) index, so an export of any size holds one page in memory, keeps no connection or
 * transaction open while the client reads, and resumes exactly where the last page ended. Only
 * chained events (seq set) are exported: what a tenant can verify. AuditExportService waits for each page
 * (and asks for the next before it writes the last, so at most two are held).
 */
@ApplicationScoped
class AuditExportRepository {

    static final String COLUMNS = "event_id, occurred_at, type, source, subject, org_id, actor_type, actor_id, outcome,"
            + " reason, client_ip, user_agent, request_id, resource_type, resource_id, details::text AS details,"
            + " traceparent, seq, prev_hash, hash";
    // Each column's position in COLUMNS: ExportWriter reads a row by position, not by name per cell.
    static final int EVENT_ID = 0;
    static final int OCCURRED_AT = 1;
    static final int TYPE = 2;
    static final int SOURCE = 3;
    static final int SUBJECT = 4;
    static final int ORG_ID = 5;
    static final int ACTOR_TYPE = 6;
    static final int ACTOR_ID = 7;
    static final int OUTCOME = 8;
    static final int REASON = 9;
    static final int CLIENT_IP = 10;
    static final int USER_AGENT = 11;
    static final int REQUEST_ID = 12;
    static final int RESOURCE_TYPE = 13;
    static final int RESOURCE_ID = 14;
    static final int DETAILS = 15;
    static final int TRACEPARENT = 16;
    static final int SEQ = 17;
    static final int PREV_HASH = 18;
    static final int HASH = 19;

    private final Pool pool;

    AuditExportRepository(Pool pool) {
        this.pool = pool;
    }

    /** The next {@code size} events in stored order after {@code filter.afterSeq()} (0 when absent). */
    Uni<RowSet<Row>> page(AuditFilter filter, int size) {
        AuditFilter from = filter.inStoredOrder() ? filter : filter.withAfterSeq(0);
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM audit_event");
        List<Object> args = new ArrayList<>();
        from.where(sql, args);
        args.add(size);
        sql.append(" ORDER BY seq LIMIT $").append(args.size());
        return pool.preparedQuery(sql.toString()).execute(Tuple.from(args));
    }
}
