package com.agentwallex.audit.ingest;

import com.agentwallex.contract.events.AuthEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The statements of appending a batch to its organizations' chains (BatchAppendService owns the
 * transaction and the chaining): lock the heads, find what is stored, insert the rows (they travel as
 * column arrays), move the heads. The head statements are database functions (V5, V6): the runtime
 * role moves heads only through them.
 */
@ApplicationScoped
class AuditEventBatchRepository {

    /** V5 and V6: the runtime role moves heads only through these functions. */
    private static final String LOCK_HEADS =
            "SELECT org_id, seq, hash, retention_class, retained_at FROM audit_lock_chain_heads($1, $2)";
    /**
     * A stored copy is in its organization's class (every row of an organization is in its head's class)
     * with retained_at at or after its event time: other classes and older partitions need no look.
     */
    private static final String STORED =
            "SELECT event_id FROM audit_event WHERE retention_class = ANY($3) AND retained_at >= $2 AND event_id = ANY($1)";
    private static final String INSERT = """
            INSERT INTO audit_event (event_id, occurred_at, org_id, type, source, subject, actor_type, actor_id,
                                     outcome, reason, client_ip, user_agent, request_id, resource_type,
                                     resource_id, details, traceparent, seq, prev_hash, hash, retention_class,
                                     retained_at)
            SELECT e.event_id, e.occurred_at, e.org_id, e.type, e.source, e.subject, e.actor_type, e.actor_id,
                   e.outcome, e.reason, e.client_ip, e.user_agent, e.request_id, e.resource_type,
                   e.resource_id, e.details::jsonb, e.traceparent, e.seq, e.prev_hash, e.hash, e.retention_class,
                   e.retained_at
            FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                        $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[],
                        $15::text[], $16::text[], $17::text[], $18::bigint[], $19::bytea[], $20::bytea[],
                        $21::text[], $22::timestamptz[])
                 AS e(event_id, occurred_at, org_id, type, source, subject, actor_type, actor_id, outcome, reason,
                      client_ip, user_agent, request_id, resource_type, resource_id, details, traceparent,
                      seq, prev_hash, hash, retention_class, retained_at)
            """;
    private static final String MOVE_HEADS = "SELECT audit_move_chain_heads($1, $2, $3, $4)";
    private static final int TEXT_COLUMNS = 15;

    /** The head of each given organization, locked until the transaction ends (created at seq 0 in its class). */
    Uni<Map<String, Head>> lockHeads(SqlConnection conn, String[] orgs, String[] classes) {
        return conn.preparedQuery(LOCK_HEADS).execute(Tuple.of(orgs, classes)).map(rows -> {
            Map<String, Head> heads = new HashMap<>();
            for (Row row : rows) {
                heads.put(row.getString("org_id"), new Head(row.getLong("seq"), row.getBuffer("hash").getBytes(),
                        row.getString("retention_class"), row.getOffsetDateTime("retained_at")));
            }
            return heads;
        });
    }

    /** Which of the ids are stored; race-free while their heads are locked. */
    Uni<Set<UUID>> stored(SqlConnection conn, UUID[] ids, OffsetDateTime oldest, String[] classes) {
        return conn.preparedQuery(STORED).execute(Tuple.of(ids, oldest, classes)).map(rows -> {
            Set<UUID> stored = new HashSet<>();
            rows.forEach(row -> stored.add(row.getUUID(0)));
            return stored;
        });
    }

    /** @return how many rows were inserted */
    Uni<Integer> insert(SqlConnection conn, Rows rows) {
        Object[] params = new Object[22];
        params[0] = rows.ids;
        params[1] = rows.times;
        System.arraycopy(rows.text, 0, params, 2, TEXT_COLUMNS);
        params[17] = rows.seqs;
        params[18] = rows.prevHashes;
        params[19] = rows.hashes;
        params[20] = rows.classes;
        params[21] = rows.retainedAt;
        return conn.preparedQuery(INSERT).execute(Tuple.from(Arrays.asList(params))).map(result -> result.rowCount());
    }

    /** Compare-and-set moves of the given organizations' heads; @return how many moved. */
    Uni<Integer> moveHeads(SqlConnection conn, List<String> orgs, Map<String, Head> from, Map<String, Head> to) {
        String[] orgIds = orgs.toArray(String[]::new);
        Long[] fromSeqs = orgs.stream().map(o -> from.get(o).seq()).toArray(Long[]::new);
        Long[] toSeqs = orgs.stream().map(o -> to.get(o).seq()).toArray(Long[]::new);
        Buffer[] toHashes = orgs.stream().map(o -> Buffer.buffer(to.get(o).hash())).toArray(Buffer[]::new);
        return conn.preparedQuery(MOVE_HEADS).execute(Tuple.of(orgIds, fromSeqs, toSeqs, toHashes))
                .map(result -> result.iterator().next().getInteger(0));
    }

    record Head(long seq, byte[] hash, String retentionClass, OffsetDateTime retainedAt) {
    }

    /** The inserted rows as column arrays, filled row by row. */
    static final class Rows {
        private final UUID[] ids;
        private final OffsetDateTime[] times;
        private final String[][] text;
        private final Long[] seqs;
        private final Buffer[] prevHashes;
        private final Buffer[] hashes;
        private final String[] classes;
        private final OffsetDateTime[] retainedAt;

        Rows(int n) {
            ids = new UUID[n];
            times = new OffsetDateTime[n];
            text = new String[TEXT_COLUMNS][n];
            seqs = new Long[n];
            prevHashes = new Buffer[n];
            hashes = new Buffer[n];
            classes = new String[n];
            retainedAt = new OffsetDateTime[n];
        }

        void add(int i, AuthEvent e, OffsetDateTime time, String details, long seq, Buffer prevHash, Buffer hash,
                 String retentionClass, OffsetDateTime retained) {
            AuthEvent.Data d = e.data();
            ids[i] = e.id();
            times[i] = time;
            text[0][i] = d.orgId();
            text[1][i] = e.type().wireName();
            text[2][i] = e.source();
            text[3][i] = e.subject();
            text[4][i] = d.actor().type().wireName();
            text[5][i] = d.actor().id();
            text[6][i] = d.outcome().wireName();
            text[7][i] = d.reason();
            text[8][i] = d.clientIp();
            text[9][i] = d.userAgent();
            text[10][i] = d.requestId();
            text[11][i] = d.resource() == null ? null : d.resource().type();
            text[12][i] = d.resource() == null ? null : d.resource().id();
            text[13][i] = details;
            text[14][i] = e.traceparent();
            seqs[i] = seq;
            prevHashes[i] = prevHash;
            hashes[i] = hash;
            classes[i] = retentionClass;
            retainedAt[i] = retained;
        }
    }
}
