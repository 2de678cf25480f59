package com.agentwallex.apikey.ratelimit;

import static com.agentwallex.common.jdbc.Sql.setInstant;

import com.agentwallex.common.jdbc.Sql;
import com.agentwallex.common.ratelimit.RateLimitPolicy;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** rate_limit_windows, and the key's current limits, in plain SQL on the transaction's connection (ADR 13). */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
class RateLimitWindowRepository {

    /**
     * The key's organization and limits as they are now, not as a replica last heard them, and whose
     * windows it spends: its rotation chain's first key's, so that a key and its successors share one
     * budget, what was spent before a rotation included, instead of each rotation bringing a fresh one.
     */
    record KeyLimits(String orgId, List<RateLimitPolicy> policies, String budgetKeyId) {
    }

    record Grant(long granted, long leased) {
    }

    private static final String KEY = """
            WITH RECURSIVE chain (id, rotated_from, depth) AS (
                SELECT id, rotated_from, 0 FROM api_keys WHERE id = ?
                UNION ALL
                SELECT k.id, k.rotated_from, c.depth + 1 FROM api_keys k JOIN chain c ON k.id = c.rotated_from WHERE c.depth < 1000)
            SELECT k.org_id, k.rate_limits, (SELECT id FROM chain ORDER BY depth DESC LIMIT 1)
            FROM api_keys k WHERE k.id = ?""";
    // One statement decides the grant: the row lock of the upsert serialises replicas leasing the same
    // window, and SET sees the row as it was, so last_grant and leased move together.
    private static final String LEASE = """
            INSERT INTO rate_limit_windows AS w (key_id, window_seconds, window_start, leased, last_grant)
            VALUES (?, ?, ?, LEAST(?, ?), LEAST(?, ?))
            ON CONFLICT (key_id, window_seconds, window_start) DO UPDATE
            SET leased = w.leased + LEAST(excluded.last_grant, GREATEST(? - w.leased, 0)),
                last_grant = LEAST(excluded.last_grant, GREATEST(? - w.leased, 0))
            RETURNING last_grant, leased""";
    private static final String GIVE_BACK = "UPDATE rate_limit_windows SET leased = GREATEST(leased - ?, 0)"
            + " WHERE key_id = ? AND window_seconds = ? AND window_start = ?";
    private static final String MARK_EXCEEDED = "UPDATE rate_limit_windows SET exceeded_at = ?"
            + " WHERE key_id = ? AND window_seconds = ? AND window_start = ? AND exceeded_at IS NULL";
    private static final String FORGET = "DELETE FROM rate_limit_windows WHERE window_start < ?";

    private final Sql sql;

    RateLimitWindowRepository(AgroalDataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    Optional<KeyLimits> limits(String keyId) {
        return sql.one("key limits", KEY, ps -> {
            ps.setString(1, keyId);
            ps.setString(2, keyId);
        }, rs -> new KeyLimits(rs.getString(1), RateLimitPolicy.fromWireForms(List.of((String[]) rs.getArray(2).getArray())),
                rs.getString(3)));
    }

    /** Up to {@code requested} more of the window's {@code limit}, never past it. */
    Grant lease(String keyId, int windowSeconds, Instant windowStart, long requested, long limit) {
        return sql.one("rate-limit lease", LEASE, ps -> {
            ps.setString(1, keyId);
            ps.setInt(2, windowSeconds);
            setInstant(ps, 3, windowStart);
            ps.setLong(4, requested);
            ps.setLong(5, limit);
            ps.setLong(6, requested);
            ps.setLong(7, limit);
            ps.setLong(8, limit);
            ps.setLong(9, limit);
        }, rs -> new Grant(rs.getLong(1), rs.getLong(2))).orElseThrow();
    }

    void giveBack(String keyId, int windowSeconds, Instant windowStart, long returned) {
        sql.update("rate-limit return", GIVE_BACK, ps -> {
            ps.setLong(1, returned);
            ps.setString(2, keyId);
            ps.setInt(3, windowSeconds);
            setInstant(ps, 4, windowStart);
        });
    }

    /** @return true for the first refusal of the window: the one that is audited */
    boolean markExceeded(String keyId, int windowSeconds, Instant windowStart, Instant now) {
        return sql.update("rate-limit exceeded", MARK_EXCEEDED, ps -> {
            setInstant(ps, 1, now);
            ps.setString(2, keyId);
            ps.setInt(3, windowSeconds);
            setInstant(ps, 4, windowStart);
        }) == 1;
    }

    int forgetBefore(Instant before) {
        return sql.update("rate-limit cleanup", FORGET, ps -> setInstant(ps, 1, before));
    }
}
