package com.agentwallex.auth.token;

import static com.agentwallex.common.jdbc.Sql.instant;
import static com.agentwallex.common.jdbc.Sql.setInstant;

import com.agentwallex.common.jdbc.Sql;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * The rows an exchange or a refresh reads and writes, in plain SQL on the transaction's own
 * connection. A grant is one locking read (secret, session and plan in one join) and one write:
 * every signed-in client refreshes, and the statements a grant runs are, with the ES256 signature,
 * most of a refresh's cost (bench/auth-tokens, ADR 11).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
class GrantRepository {

    /** The session a secret belongs to, as an access token needs it. */
    record GrantSession(String id, String userId, String orgId, Instant absoluteExpiresAt, Instant revokedAt,
                        String plan) {

        boolean isActive(Instant now) {
            return revokedAt == null && now.isBefore(absoluteExpiresAt);
        }
    }

    record PresentedRefreshToken(String id, Instant spentAt, Instant idleExpiresAt, GrantSession session) {
    }

    record PresentedExchangeCode(Instant spentAt, Instant expiresAt, String codeChallenge, GrantSession session) {
    }

    private static final String SESSION_COLUMNS =
            "s.id, s.user_id, s.org_id, s.absolute_expires_at, s.revoked_at, o.plan";
    private static final String SESSION_JOIN =
            " JOIN session s ON s.id = x.session_id JOIN organization o ON o.id = s.org_id";

    // Both the secret's row and its session's are locked: concurrent presentations of one secret
    // serialize, and so do a refresh and a logout of the same session.
    private static final String LOCK_REFRESH_TOKEN = "SELECT x.id, x.spent_at, x.idle_expires_at, " + SESSION_COLUMNS
            + " FROM refresh_token x" + SESSION_JOIN + " WHERE x.token_hash = ? FOR UPDATE OF x, s";
    // A statement of its own, run once the session is locked: one that waited for that lock sees the
    // rows it locked as they are now, but every other row (the successor) as they were when it began.
    private static final String SUCCESSOR_SPENT =
            "SELECT n.spent_at IS NOT NULL FROM refresh_token x JOIN refresh_token n ON n.id = x.successor_id WHERE x.id = ?";
    private static final String LOCK_EXCHANGE_CODE = "SELECT x.spent_at, x.expires_at, x.code_challenge, " + SESSION_COLUMNS
            + " FROM exchange_code x" + SESSION_JOIN + " WHERE x.code_hash = ? FOR UPDATE OF x, s";

    private static final String INSERT_REFRESH_TOKEN =
            "INSERT INTO refresh_token (id, session_id, token_hash, issued_at, idle_expires_at) VALUES (?, ?, ?, ?, ?)";
    private static final String ROTATE = "WITH spent AS (UPDATE refresh_token SET spent_at = ?, successor_id = ? WHERE id = ?),"
            + " touched AS (UPDATE session SET last_refreshed_at = ? WHERE id = ?) " + INSERT_REFRESH_TOKEN;
    private static final String SPEND_CODE = "UPDATE exchange_code SET spent_at = ? WHERE code_hash = ?";
    private static final String SPEND_CODE_FOR_TOKEN = "WITH spent AS (" + SPEND_CODE + ") " + INSERT_REFRESH_TOKEN;
    private static final String INSERT_EXCHANGE_CODE =
            "INSERT INTO exchange_code (code_hash, session_id, return_to, expires_at, code_challenge) VALUES (?, ?, ?, ?, ?)";

    private final Sql sql;

    GrantRepository(AgroalDataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    Optional<PresentedRefreshToken> lockRefreshToken(String tokenHash) {
        return sql.one("grant lookup", LOCK_REFRESH_TOKEN, ps -> ps.setString(1, tokenHash),
                rs -> new PresentedRefreshToken(rs.getString(1), instant(rs, 2), instant(rs, 3), session(rs, 4)));
    }

    /** Whether a spent token's successor has been spent too; call with the token's session locked. */
    boolean successorSpent(String tokenId) {
        return sql.one("grant successor", SUCCESSOR_SPENT, ps -> ps.setString(1, tokenId), rs -> rs.getBoolean(1)).orElse(false);
    }

    Optional<PresentedExchangeCode> lockExchangeCode(String codeHash) {
        return sql.one("grant lookup", LOCK_EXCHANGE_CODE, ps -> ps.setString(1, codeHash),
                rs -> new PresentedExchangeCode(instant(rs, 1), instant(rs, 2), rs.getString(3), session(rs, 4)));
    }

    /** A sign-in's one-time code: only its hash is stored. */
    void insertExchangeCode(String codeHash, String sessionId, String returnTo, Instant expiresAt, String codeChallenge) {
        sql.update("exchange code insert", INSERT_EXCHANGE_CODE, ps -> {
            ps.setString(1, codeHash);
            ps.setString(2, sessionId);
            ps.setString(3, returnTo);
            setInstant(ps, 4, expiresAt);
            ps.setString(5, codeChallenge);
        });
    }

    /** Spends {@code current} and inserts its successor; the session records when it was last refreshed. */
    void rotate(PresentedRefreshToken current, NewRefreshToken successor) {
        sql.update("grant write", ROTATE, ps -> {
            setInstant(ps, 1, successor.issuedAt());
            ps.setString(2, successor.id());
            ps.setString(3, current.id());
            setInstant(ps, 4, successor.issuedAt());
            ps.setString(5, current.session().id());
            bindNewToken(ps, 6, successor);
        });
    }

    /** Spends the code and inserts the session's first refresh token. */
    void spendCodeFor(String codeHash, NewRefreshToken first) {
        sql.update("grant write", SPEND_CODE_FOR_TOKEN, ps -> {
            setInstant(ps, 1, first.issuedAt());
            ps.setString(2, codeHash);
            bindNewToken(ps, 3, first);
        });
    }

    void spendCode(String codeHash, Instant now) {
        sql.update("grant write", SPEND_CODE, ps -> {
            setInstant(ps, 1, now);
            ps.setString(2, codeHash);
        });
    }

    /** A refresh token about to be stored: only its hash is. */
    record NewRefreshToken(String id, String sessionId, String tokenHash, Instant issuedAt, Instant idleExpiresAt) {
    }

    private static void bindNewToken(PreparedStatement ps, int first, NewRefreshToken token) throws SQLException {
        ps.setString(first, token.id());
        ps.setString(first + 1, token.sessionId());
        ps.setString(first + 2, token.tokenHash());
        setInstant(ps, first + 3, token.issuedAt());
        setInstant(ps, first + 4, token.idleExpiresAt());
    }

    private static GrantSession session(ResultSet rs, int first) throws SQLException {
        return new GrantSession(rs.getString(first), rs.getString(first + 1), rs.getString(first + 2),
                instant(rs, first + 3), instant(rs, first + 4), rs.getString(first + 5));
    }
}
