package com.agentwallex.auth.support;

import com.agentwallex.auth.Ids;
import com.agentwallex.common.testing.PostgresAdmin;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The service's own database, as tests read it and move it through time: a refresh token spent
 * an hour ago is how a test reaches "after the reuse grace" without waiting out the grace.
 */
public final class Database {

    private Database() {
    }

    /** Moves a spent refresh token's spending an hour into the past: well beyond any reuse grace. */
    public static void spentLongAgo(String refreshToken) {
        update("UPDATE refresh_token SET spent_at = spent_at - interval '1 hour' WHERE token_hash = ? AND spent_at IS NOT NULL",
                Ids.hash(refreshToken));
    }

    /** Moves a spent refresh token's spending {@code ago} before now. */
    public static void spentAgo(String refreshToken, Duration ago) {
        update("UPDATE refresh_token SET spent_at = now() - make_interval(secs => ?) WHERE token_hash = ? AND spent_at IS NOT NULL",
                (double) ago.toSeconds(), Ids.hash(refreshToken));
    }

    public static int update(String sql, Object... args) {
        try (Connection db = connect(); PreparedStatement ps = db.prepareStatement(sql)) {
            bind(ps, args);
            int changed = ps.executeUpdate();
            if (changed == 0) {
                throw new AssertionError("no row changed by: " + sql);
            }
            return changed;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of the first row, as an instant (a timestamptz). */
    public static Optional<Instant> instant(String sql, Object... args) {
        try (Connection db = connect(); PreparedStatement ps = db.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getObject(1, java.time.OffsetDateTime.class)).map(t -> t.toInstant())
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static long count(String sql, Object... args) {
        try (Connection db = connect(); PreparedStatement ps = db.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
    }

    private static Connection connect() throws SQLException {
        return PostgresAdmin.connect(ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class));
    }
}
