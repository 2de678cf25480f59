package com.agentwallex.bench.audit;

import com.agentwallex.common.crypto.Sha256;
import com.agentwallex.contract.events.AuthEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * The ceiling: what one connection inserting plain JDBC batches gets out of the same PostgreSQL,
 * into a table shaped like audit_event (same columns, partitioning, keys and indexes), one
 * transaction per batch like the service. No Kafka, no decoding, no hashing: the service can only
 * approach it. With {@code chainColumns} the rows are the ones the service stores (seq, prev_hash and
 * hash filled, so their index entries and bytes count); without, those columns stay NULL, which is
 * the row as it was before the chain.
 */
final class CeilingInsert {

    private static final String INSERT = "INSERT INTO audit_event_ceiling (event_id, occurred_at, org_id, type,"
            + " source, subject, actor_type, actor_id, outcome, reason, client_ip, user_agent, request_id,"
            + " resource_type, resource_id, details, traceparent, retention_class, retained_at, seq, prev_hash, hash)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, 'growth', ?, ?, ?, ?)";

    private CeilingInsert() {
    }

    /** @return rows per second */
    static double run(Connection db, int n, int batch, int orgs, boolean chainColumns) throws SQLException {
        try (Statement st = db.createStatement()) {
            st.execute("DROP TABLE IF EXISTS audit_event_ceiling");
            st.execute("CREATE TABLE audit_event_ceiling (LIKE audit_event INCLUDING ALL)"
                    + " PARTITION BY RANGE (retained_at)");
            // One partition around now, as the service's current monthly partition takes these rows.
            st.execute("CREATE TABLE audit_event_ceiling_now PARTITION OF audit_event_ceiling"
                    + " FOR VALUES FROM (now() - interval '1 day') TO (now() + interval '1 day')");
        }
        // Built up front so that only the inserts are timed.
        List<AuthEvent> events = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            events.add(SampleEvents.event(i, orgs));
        }
        // Chain values as the service would store them (a seq per organization, 32-byte hashes), made up
        // front: the ceiling pays for storing them, not for computing them.
        long[] seq = new long[orgs];
        byte[][] hashes = new byte[n][];
        long[] seqs = new long[n];
        for (int i = 0; i < n; i++) {
            hashes[i] = Sha256.of(events.get(i).id().toString());
            seqs[i] = ++seq[i % orgs];
        }
        db.setAutoCommit(false);
        long start = System.nanoTime();
        try (PreparedStatement ps = db.prepareStatement(INSERT)) {
            for (int i = 0; i < n; i++) {
                Object[] columns = SampleEvents.columns(events.get(i));
                for (int c = 0; c < columns.length; c++) {
                    ps.setObject(c + 1, columns[c]);
                }
                ps.setObject(columns.length + 1, columns[1]);  // retained_at: a new organization's event time
                if (chainColumns) {
                    ps.setLong(columns.length + 2, seqs[i]);
                    ps.setBytes(columns.length + 3, i == 0 ? new byte[32] : hashes[i - 1]);
                    ps.setBytes(columns.length + 4, hashes[i]);
                } else {
                    ps.setNull(columns.length + 2, Types.BIGINT);
                    ps.setNull(columns.length + 3, Types.BINARY);
                    ps.setNull(columns.length + 4, Types.BINARY);
                }
                ps.addBatch();
                if ((i + 1) % batch == 0 || i == n - 1) {
                    ps.executeBatch();
                    db.commit();
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        db.setAutoCommit(true);
        try (Statement st = db.createStatement()) {
            st.execute("DROP TABLE audit_event_ceiling");  // keeps the query phase's cache to audit_event
        }
        return n / seconds;
    }
}
