package com.agentwallex.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.agentwallex.common.testing.TestJwtKeys;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The runtime role appends and reads; the database itself refuses everything else. */
@QuarkusTest
@WithTestResource(value = TestJwtKeys.class, scope = TestResourceScope.GLOBAL)
class AppendOnlyStoreTest {

    private final String jdbcUrl;
    private final String runtimeRole;
    private final Optional<String> runtimePassword;

    AppendOnlyStoreTest(@ConfigProperty(name = "quarkus.datasource.migration.jdbc.url") String jdbcUrl,
                        @ConfigProperty(name = "quarkus.datasource.username") String runtimeRole,
                        @ConfigProperty(name = "quarkus.datasource.password") Optional<String> runtimePassword) {
        this.jdbcUrl = jdbcUrl;
        this.runtimeRole = runtimeRole;
        this.runtimePassword = runtimePassword;
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "UPDATE audit_event SET outcome = 'success'",
        "DELETE FROM audit_event",
        "TRUNCATE audit_event",
        "DROP TABLE audit_event_default",
        "ALTER TABLE audit_event DETACH PARTITION audit_event_default",
        "UPDATE audit_event_default SET reason = 'x'"
    })
    void theRuntimeRoleCannotChangeOrRemoveAuditRows(String statement) throws SQLException {
        try (Connection runtime = DriverManager.getConnection(jdbcUrl, runtimeRole, runtimePassword.orElse(null));
             Statement sql = runtime.createStatement()) {
            assertThatThrownBy(() -> sql.execute(statement)).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isIn("42501", "42809"));
        }
    }

    @Test
    void theRuntimeRoleCanNeverDropHistoryYoungerThanTheConfiguredRetention() throws SQLException {
        try (Connection runtime = DriverManager.getConnection(jdbcUrl, runtimeRole, runtimePassword.orElse(null));
             Statement sql = runtime.createStatement()) {
            // the test profile keeps the default retention of 365 days: eleven months back is refused
            assertThatThrownBy(() -> sql.execute("SELECT audit_drop_partitions_before(now() - interval '330 days')"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("retention floor of 365 days");
            assertThatThrownBy(() -> sql.execute("SELECT audit_drop_partitions_before(now())"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("retention floor");
            try (ResultSet rows = sql.executeQuery("SELECT audit_drop_partitions_before(now() - interval '10 years')")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isZero();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "UPDATE audit_retention SET floor_days = 30",
        "DELETE FROM audit_retention",
        "CREATE OR REPLACE FUNCTION audit_drop_partitions_before(cutoff timestamptz) RETURNS integer LANGUAGE sql AS 'SELECT 0'",
        "ALTER TABLE audit_retention DROP CONSTRAINT audit_retention_floor_days_check"
    })
    void theRuntimeRoleCannotLowerTheFloorOrReplaceTheFunctionThatKeepsIt(String statement) throws SQLException {
        try (Connection runtime = DriverManager.getConnection(jdbcUrl, runtimeRole, runtimePassword.orElse(null));
             Statement sql = runtime.createStatement()) {
            assertThatThrownBy(() -> sql.execute(statement)).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
        }
    }

    @Test
    void partitionsForThisMonthAndTheNextAreReady() throws SQLException {
        try (Connection runtime = DriverManager.getConnection(jdbcUrl, runtimeRole, runtimePassword.orElse(null));
             Statement sql = runtime.createStatement();
             ResultSet rows = sql.executeQuery("""
                     SELECT count(*) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                     WHERE i.inhparent = 'audit_event'::regclass
                       AND c.relname IN ('audit_event_' || to_char(now() AT TIME ZONE 'UTC', '"y"YYYY"m"MM'),
                                         'audit_event_' || to_char((now() AT TIME ZONE 'UTC') + interval '1 month', '"y"YYYY"m"MM'))
                     """)) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(2);
        }
    }
}
