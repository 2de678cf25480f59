package com.agentwallex.common.jdbc;

import java.net.ConnectException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Plain SQL on the current transaction's connection (Agroal hands the enlisted one out inside a
 * JTA transaction; outside one, an auto-commit connection, which only the request-authentication
 * lookups use, ADR 24). Our services read and write a handful of rows per request, where an ORM's
 * start-up (about a second at each launch) and per-statement bookkeeping would buy nothing (ADR 13).
 * A failing statement becomes an IllegalStateException naming what failed and its SQLSTATE,
 * never the SQL text or the bound values.
 */
public final class Sql {

    @FunctionalInterface
    public interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    @FunctionalInterface
    public interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** Binds one item of a {@link #batch}. */
    @FunctionalInterface
    public interface ItemBinder<T> {
        void bind(PreparedStatement ps, T item) throws SQLException;
    }

    public static final Binder NONE = ps -> { };

    private final DataSource dataSource;

    public Sql(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Whether a failure is the database being away rather than a statement's fault: no connection
     * (SQLSTATE class 08, a refused connect), the server shutting down (57P), out of connections or
     * memory (53), or the pool giving up waiting for a connection (its SQLException has no state). The
     * first kind is worth a retry (503); the second is a bug (500).
     */
    public static boolean unavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException) {
                return true;
            }
            if (t instanceof SQLException e) {
                String state = e.getSQLState();
                return state == null || state.startsWith("08") || state.startsWith("53") || state.startsWith("57P");
            }
        }
        return false;
    }

    /**
     * Whether PostgreSQL refused a text value it cannot store (a NUL byte, SQLSTATE 22021): such a value
     * only comes from the request, so it is the caller's error, not ours.
     */
    public static boolean unstorableText(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException e) {
                return "22021".equals(e.getSQLState());
            }
        }
        return false;
    }

    public <T> Optional<T> one(String what, String sql, Binder binder, Row<T> row) {
        List<T> rows = list(what, sql, binder, row);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    public <T> List<T> list(String what, String sql, Binder binder, Row<T> row) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(row.read(rs));
                }
                return rows;
            }
        } catch (SQLException e) {
            throw failed(what, e);
        }
    }

    /** @return the number of rows changed */
    public int update(String what, String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw failed(what, e);
        }
    }

    /** The statement once per item, sent as one JDBC batch: one round trip however many items. */
    public <T> void batch(String what, String sql, List<T> items, ItemBinder<T> binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (T item : items) {
                binder.bind(ps, item);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw failed(what, e);
        }
    }

    /** A timestamptz column as an instant; null stays null. */
    public static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** Binds an instant as timestamptz, whatever the JVM's time zone; null binds SQL NULL. */
    public static void setInstant(PreparedStatement ps, int index, Instant instant) throws SQLException {
        ps.setObject(index, instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC),
                java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
    }

    private static IllegalStateException failed(String what, SQLException e) {
        return new IllegalStateException(what + " failed (SQLSTATE " + e.getSQLState() + ")", e);
    }
}
