package com.agentwallex.audit.integrity;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Chain heads to sign, checkpoints, and the links of a range (IntegrityService decides where to wait). The
 * reads of one answer run on the connection the service gives them, inside its snapshot.
 */
@ApplicationScoped
class IntegrityRepository {

    record Head(String orgId, long seq, byte[] hash) {
    }

    /**
     * A head to sign, and whether the event its organization's last checkpoint signed still has the
     * signed hash (true also when there is no checkpoint yet, or retention has dropped that event).
     */
    record MovedHead(Head head, Long signedSeq, boolean matchesLastCheckpoint) {
    }

    record Checkpoint(long seq, byte[] hash, Instant signedAt, String kid, String jws) {
    }

    record Link(long seq, byte[] prevHash, byte[] hash) {
    }

    private final Pool pool;

    IntegrityRepository(Pool pool) {
        this.pool = pool;
    }

    /** Every head that has moved since its organization's last checkpoint. */
    Uni<List<MovedHead>> unsignedHeads() {
        return pool.query("""
                SELECT h.org_id, h.seq, h.hash, c.seq AS signed_seq,
                       (c.seq IS NULL OR e.hash IS NULL OR e.hash = c.hash) AS matches_last_checkpoint
                FROM audit_chain_head h
                LEFT JOIN LATERAL (SELECT seq, hash FROM audit_checkpoint c WHERE c.org_id = h.org_id
                                   ORDER BY seq DESC LIMIT 1) c ON true
                LEFT JOIN LATERAL (SELECT hash FROM audit_event e WHERE e.org_id = h.org_id AND e.seq = c.seq
                                   LIMIT 1) e ON true
                WHERE h.seq > 0 AND (c.seq IS NULL OR c.seq < h.seq)
                """).execute().map(rows -> {
                    List<MovedHead> heads = new ArrayList<>();
                    rows.forEach(r -> heads.add(new MovedHead(head(r), r.getLong("signed_seq"),
                            r.getBoolean("matches_last_checkpoint"))));
                    return heads;
                });
    }

    /** Another replica may have signed the same head: then its checkpoint stands. */
    Uni<Void> insert(String orgId, Checkpoint c) {
        return pool.preparedQuery("INSERT INTO audit_checkpoint (org_id, seq, hash, signed_at, kid, jws) VALUES ($1, $2, $3, $4, $5, $6)"
                        + " ON CONFLICT DO NOTHING")
                .execute(Tuple.from(List.of(orgId, c.seq(), Buffer.buffer(c.hash()),
                        OffsetDateTime.ofInstant(c.signedAt(), ZoneOffset.UTC), c.kid(), c.jws())))
                .replaceWithVoid();
    }

    Uni<Long> countCheckpoints(SqlClient on, String orgId, long fromSeq, long toSeq) {
        return on.preparedQuery("SELECT count(*) FROM audit_checkpoint WHERE org_id = $1 AND seq BETWEEN $2 AND $3")
                .execute(Tuple.of(orgId, fromSeq, toSeq)).map(rows -> rows.iterator().next().getLong(0));
    }

    /** The newest checkpoint in each slice of {@code slice} seqs from {@code fromSeq} (1: every one), oldest first. */
    Uni<List<Checkpoint>> checkpoints(SqlClient on, String orgId, long fromSeq, long toSeq, long slice) {
        return on.preparedQuery("SELECT seq, hash, signed_at, kid, jws FROM (SELECT DISTINCT ON ((seq - $2) / $4)"
                        + " seq, hash, signed_at, kid, jws FROM audit_checkpoint WHERE org_id = $1 AND seq BETWEEN $2 AND $3"
                        + " ORDER BY (seq - $2) / $4, seq DESC) newest_per_slice ORDER BY seq")
                .execute(Tuple.of(orgId, fromSeq, toSeq, slice)).map(rows -> {
                    List<Checkpoint> checkpoints = new ArrayList<>();
                    rows.forEach(r -> checkpoints.add(checkpoint(r)));
                    return checkpoints;
                });
    }

    Uni<Optional<Checkpoint>> latestCheckpoint(SqlClient on, String orgId) {
        return on.preparedQuery("SELECT seq, hash, signed_at, kid, jws FROM audit_checkpoint WHERE org_id = $1"
                        + " ORDER BY seq DESC LIMIT 1").execute(Tuple.of(orgId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(checkpoint(rows.iterator().next())));
    }

    Uni<Optional<Head>> head(SqlClient on, String orgId) {
        return on.preparedQuery("SELECT org_id, seq, hash FROM audit_chain_head WHERE org_id = $1")
                .execute(Tuple.of(orgId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(head(rows.iterator().next())));
    }

    Uni<List<Link>> links(SqlClient on, String orgId, long fromSeq, long toSeq) {
        return on.preparedQuery("SELECT seq, prev_hash, hash FROM audit_event WHERE org_id = $1 AND seq BETWEEN $2 AND $3 ORDER BY seq")
                .execute(Tuple.of(orgId, fromSeq, toSeq)).map(rows -> {
                    List<Link> links = new ArrayList<>();
                    rows.forEach(r -> links.add(new Link(r.getLong("seq"), r.getBuffer("prev_hash").getBytes(),
                            r.getBuffer("hash").getBytes())));
                    return links;
                });
    }

    private static Head head(Row r) {
        return new Head(r.getString("org_id"), r.getLong("seq"), r.getBuffer("hash").getBytes());
    }

    private static Checkpoint checkpoint(Row r) {
        return new Checkpoint(r.getLong("seq"), r.getBuffer("hash").getBytes(),
                r.getOffsetDateTime("signed_at").toInstant(), r.getString("kid"), r.getString("jws"));
    }
}
