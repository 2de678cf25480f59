package com.agentwallex.apikey.idempotency;

import com.agentwallex.common.jdbc.Sql;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.ByteBuffer;
import java.util.Optional;

/** idempotent_answers in plain SQL on the transaction's connection. */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
class IdempotentAnswerRepository {

    record Stored(byte[] requestDigest, int status, String location, byte[] answer) {
    }

    private static final String LOCK = "SELECT pg_advisory_xact_lock(?)";
    private static final String FIND = "SELECT request_digest, status, location, answer FROM idempotent_answers"
            + " WHERE org_id = ? AND key_digest = ? AND created_at > now() - interval '24 hours'";
    private static final String FORGET_EXPIRED = "DELETE FROM idempotent_answers"
            + " WHERE org_id = ? AND key_digest = ? AND created_at <= now() - interval '24 hours'";
    private static final String INSERT = "INSERT INTO idempotent_answers"
            + " (org_id, key_digest, request_digest, status, location, answer) VALUES (?, ?, ?, ?, ?, ?)";
    private static final String PURGE = "DELETE FROM idempotent_answers WHERE created_at <= now() - interval '24 hours'";

    private final Sql sql;

    IdempotentAnswerRepository(AgroalDataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    /** Until the transaction ends, no other request with this key gets past here: the second waits for the first's answer. */
    void lock(byte[] keyDigest) {
        long lockId = ByteBuffer.wrap(keyDigest, 0, Long.BYTES).getLong();
        sql.list("idempotency lock", LOCK, ps -> ps.setLong(1, lockId), rs -> 0);
    }

    Optional<Stored> find(String orgId, byte[] keyDigest) {
        sql.update("idempotency expiry", FORGET_EXPIRED, ps -> {
            ps.setString(1, orgId);
            ps.setBytes(2, keyDigest);
        });
        return sql.one("idempotency lookup", FIND, ps -> {
            ps.setString(1, orgId);
            ps.setBytes(2, keyDigest);
        }, rs -> new Stored(rs.getBytes(1), rs.getInt(2), rs.getString(3), rs.getBytes(4)));
    }

    void insert(String orgId, byte[] keyDigest, byte[] requestDigest, int status, String location, byte[] sealed) {
        sql.update("idempotency insert", INSERT, ps -> {
            ps.setString(1, orgId);
            ps.setBytes(2, keyDigest);
            ps.setBytes(3, requestDigest);
            ps.setInt(4, status);
            ps.setString(5, location);
            ps.setBytes(6, sealed);
        });
    }

    int purgeExpired() {
        return sql.update("idempotency purge", PURGE, Sql.NONE);
    }
}
