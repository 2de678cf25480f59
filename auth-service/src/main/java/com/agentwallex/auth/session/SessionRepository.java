package com.agentwallex.auth.session;

import static com.agentwallex.common.jdbc.Sql.instant;
import static com.agentwallex.common.jdbc.Sql.setInstant;

import com.agentwallex.common.jdbc.Sql;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Sessions in plain SQL on the transaction's connection (ADR 13, 24). {@link SessionTableCheck} runs
 * {@link #BY_ID} with {@link #session} itself, outside any transaction.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
class SessionRepository {

    private static final String COLUMNS = "id, user_id, org_id, created_at, absolute_expires_at, last_refreshed_at,"
            + " client_ip, user_agent, revoked_at, revoke_reason";
    private static final String INSERT = "INSERT INTO session (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static final String BY_ID = "SELECT " + COLUMNS + " FROM session WHERE id = ?";
    // NO KEY: a lock for changing the row, not its key, so inserts referencing it are not held up.
    private static final String LOCK_BY_ID = BY_ID + " FOR NO KEY UPDATE";
    private static final String LOCK_UNREVOKED_OF_USER =
            "SELECT " + COLUMNS + " FROM session WHERE user_id = ? AND revoked_at IS NULL FOR NO KEY UPDATE";
    private static final String ACTIVE_OF_USER = "SELECT " + COLUMNS + " FROM session"
            + " WHERE user_id = ? AND revoked_at IS NULL AND absolute_expires_at > ? ORDER BY created_at DESC";
    private static final String REVOKE = "UPDATE session SET revoked_at = ?, revoke_reason = ? WHERE id = ?";

    private final Sql sql;

    SessionRepository(AgroalDataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    void insert(SessionEntity s) {
        sql.update("session insert", INSERT, ps -> {
            ps.setString(1, s.id());
            ps.setString(2, s.userId());
            ps.setString(3, s.orgId());
            setInstant(ps, 4, s.createdAt());
            setInstant(ps, 5, s.absoluteExpiresAt());
            setInstant(ps, 6, s.lastRefreshedAt());
            ps.setString(7, s.clientIp());
            ps.setString(8, s.userAgent());
            setInstant(ps, 9, s.revokedAt());
            ps.setString(10, s.revokeReason());
        });
    }

    Optional<SessionEntity> find(String id) {
        return sql.one("session lookup", BY_ID, ps -> ps.setString(1, id), SessionRepository::session);
    }

    /** The row locked until the transaction ends, read again under the lock. */
    Optional<SessionEntity> lock(String id) {
        return sql.one("session lock", LOCK_BY_ID, ps -> ps.setString(1, id), SessionRepository::session);
    }

    List<SessionEntity> lockUnrevokedOf(String userId) {
        return sql.list("session lock", LOCK_UNREVOKED_OF_USER, ps -> ps.setString(1, userId), SessionRepository::session);
    }

    List<SessionEntity> activeOf(String userId, Instant now) {
        return sql.list("session list", ACTIVE_OF_USER, ps -> {
            ps.setString(1, userId);
            setInstant(ps, 2, now);
        }, SessionRepository::session);
    }

    void revoke(String id, Instant at, String reason) {
        sql.update("session revoke", REVOKE, ps -> {
            setInstant(ps, 1, at);
            ps.setString(2, reason);
            ps.setString(3, id);
        });
    }

    static SessionEntity session(ResultSet rs) throws SQLException {
        return new SessionEntity(rs.getString(1), rs.getString(2), rs.getString(3), instant(rs, 4), instant(rs, 5),
                instant(rs, 6), rs.getString(7), rs.getString(8), instant(rs, 9), rs.getString(10));
    }
}
