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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

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
        "DROP TABLE audit_event_growth_default",
        "ALTER TABLE audit_event DETACH PARTITION audit_event_free",
        "ALTER TABLE audit_event_growth DETACH PARTITION audit_event_growth_default",
        "UPDATE audit_event_growth_default SET reason = 'x'",
        "UPDATE audit_event SET retention_class = 'free'"
    })
    void theRuntimeRoleCannotChangeOrRemoveAuditRows(String statement) throws SQLException {
        assertRefusedToTheRuntimeRole(statement, "42501", "42809");
    }

    @ParameterizedTest
    @CsvSource({
        "free, 29 days, 30",
        "growth, 330 days, 365",
        "enterprise, 2000 days, 2555"
    })
    void theRuntimeRoleCanNeverDropAClassYoungerThanItsFloor(String retentionClass, String age, int floorDays) throws SQLException {
        try (Connection runtime = asRuntimeRole();
             Statement sql = runtime.createStatement()) {
            assertThatThrownBy(() -> sql.execute("SELECT audit_drop_partitions_before('" + retentionClass + "', now() - interval '" + age + "')"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining(retentionClass + " retention floor of " + floorDays + " days")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
            assertThatThrownBy(() -> sql.execute("SELECT audit_drop_partitions_before('" + retentionClass + "', now())"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("retention floor");
            try (ResultSet rows = sql.executeQuery("SELECT audit_drop_partitions_before('" + retentionClass + "', now() - interval '10 years')")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isZero();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "UPDATE audit_retention_floor SET floor_days = 30",
        "DELETE FROM audit_retention_floor",
        "INSERT INTO audit_retention_move VALUES ('org_x', 'growth', 'free', 0, now())",
        "CREATE OR REPLACE FUNCTION audit_drop_partitions_before(class_name text, cutoff timestamptz) RETURNS integer LANGUAGE sql AS 'SELECT 0'",
        "ALTER TABLE audit_retention_floor DROP CONSTRAINT audit_retention_floor_floor_days_check",
        "SELECT audit_create_month_partitions('free', now()::timestamp, now()::timestamp)"
    })
    void theRuntimeRoleCannotLowerTheFloorOrReplaceTheFunctionThatKeepsIt(String statement) throws SQLException {
        assertRefusedToTheRuntimeRole(statement, "42501");
    }

    @Test
    void partitionsForThisMonthAndTheNextAreReadyInEveryRetentionClass() throws SQLException {
        try (Connection runtime = asRuntimeRole();
             Statement sql = runtime.createStatement();
             ResultSet rows = sql.executeQuery("""
                     SELECT count(*) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                     JOIN unnest(ARRAY['free', 'growth', 'enterprise']) AS k(class_name)
                       ON i.inhparent = ('audit_event_' || k.class_name)::regclass
                     WHERE c.relname IN ('audit_event_' || k.class_name || '_' || to_char(now() AT TIME ZONE 'UTC', '"y"YYYY"m"MM'),
                                         'audit_event_' || k.class_name || '_'
                                             || to_char((now() AT TIME ZONE 'UTC') + interval '1 month', '"y"YYYY"m"MM'))
                     """)) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(6);
        }
    }

    /** {@code statement} fails for the runtime role with one of {@code sqlStates} (insufficient privilege, wrong object type). */
    private void assertRefusedToTheRuntimeRole(String statement, String... sqlStates) throws SQLException {
        try (Connection runtime = asRuntimeRole();
             Statement sql = runtime.createStatement()) {
            assertThatThrownBy(() -> sql.execute(statement)).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isIn((Object[]) sqlStates));
        }
    }

    private Connection asRuntimeRole() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, runtimeRole, runtimePassword.orElse(null));
    }
}
