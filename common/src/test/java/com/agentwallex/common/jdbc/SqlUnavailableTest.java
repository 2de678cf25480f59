package com.agentwallex.common.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** The database being away is a 503 to retry; a statement's own fault stays a 500 to fix. */
class SqlUnavailableTest {

    private static IllegalStateException failed(SQLException e) {
        return new IllegalStateException("lookup failed (SQLSTATE " + e.getSQLState() + ")", e);
    }

    @Test
    void aLostConnectionAShutdownTooManyConnectionsAndAPoolTimeoutAreTheDatabaseBeingAway() {
        assertThat(Sql.unavailable(failed(new SQLException("Connection refused", "08001")))).isTrue();
        assertThat(Sql.unavailable(failed(new SQLException("An I/O error occurred", "08006")))).isTrue();
        assertThat(Sql.unavailable(failed(new SQLException("terminating connection due to administrator command", "57P01")))).isTrue();
        assertThat(Sql.unavailable(failed(new SQLException("too many connections", "53300")))).isTrue();
        assertThat(Sql.unavailable(failed(new SQLException("Acquisition timeout while waiting for new connection")))).isTrue();
        assertThat(Sql.unavailable(new RuntimeException(new ConnectException("Connection refused")))).isTrue();
    }

    @Test
    void aStatementsOwnFaultIsNot() {
        assertThat(Sql.unavailable(failed(new SQLException("syntax error", "42601")))).isFalse();
        assertThat(Sql.unavailable(failed(new SQLException("duplicate key", "23505")))).isFalse();
        assertThat(Sql.unavailable(new IllegalStateException("a bug"))).isFalse();
        assertThat(Sql.unavailable(new ClassCastException())).isFalse();
    }
}
