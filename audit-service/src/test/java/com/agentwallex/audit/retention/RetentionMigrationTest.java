package com.agentwallex.audit.retention;

import static org.assertj.core.api.Assertions.assertThat;

import com.agentwallex.common.testing.PostgresAdmin;
import com.agentwallex.common.testing.TestJwtKeys;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** V6 on a database that holds history: every row stays, in the class it was kept by (growth), in stored order. */
@QuarkusTest
@WithTestResource(value = TestJwtKeys.class, scope = TestResourceScope.GLOBAL)
class RetentionMigrationTest {

    private static final String DATABASE = "awx_audit_v5_test";

    private final String ownerJdbcUrl;
    private final String owner;
    private final Optional<String> ownerPassword;
    private final String runtimeRole;

    RetentionMigrationTest(@ConfigProperty(name = "quarkus.datasource.migration.jdbc.url") String ownerJdbcUrl,
                           @ConfigProperty(name = "quarkus.datasource.migration.username") String owner,
                           @ConfigProperty(name = "quarkus.datasource.migration.password") Optional<String> ownerPassword,
                           @ConfigProperty(name = "quarkus.datasource.username") String runtimeRole) {
        this.ownerJdbcUrl = ownerJdbcUrl;
        this.owner = owner;
        this.ownerPassword = ownerPassword;
        this.runtimeRole = runtimeRole;
    }

    @Test
    void theMigrationKeepsEveryStoredRowInTheGrowthClassAndALateEventWithTheNewerOnesBeforeIt() throws SQLException {
        try (Connection admin = PostgresAdmin.connect(url("postgres")); Statement sql = admin.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            sql.execute("CREATE DATABASE " + DATABASE + " OWNER " + owner);
        }
        try {
            flyway("5", true).migrate();
            try (Connection db = connect(); Statement sql = db.createStatement()) {
                sql.execute("CREATE TABLE audit_event_y2001m01 PARTITION OF audit_event"
                        + " FOR VALUES FROM ('2001-01-01 00:00:00+00') TO ('2001-02-01 00:00:00+00')");
                sql.execute("""
                        INSERT INTO audit_event (event_id, occurred_at, org_id, type, source, actor_type, actor_id, outcome,
                                                 seq, prev_hash, hash)
                        VALUES (gen_random_uuid(), '2001-01-10 00:00:00+00', 'org_before_chain', 't', 's', 'user', 'u', 'success', NULL, NULL, NULL),
                               (gen_random_uuid(), '2001-01-10 00:00:00+00', 'org_a', 't', 's', 'user', 'u', 'success', 1, '\\x00', '\\x01'),
                               (gen_random_uuid(), now(), 'org_a', 't', 's', 'user', 'u', 'success', 2, '\\x01', '\\x02'),
                               (gen_random_uuid(), '2001-01-11 00:00:00+00', 'org_a', 't', 's', 'user', 'u', 'success', 3, '\\x02', '\\x03')
                        """);
                sql.execute("INSERT INTO audit_chain_head VALUES ('org_a', 3, decode(repeat('03', 32), 'hex'))");
            }

            flyway(null, false).migrate();

            String thisMonth = "audit_event_growth_" + YearMonth.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("'y'yyyy'm'MM"));
            try (Connection db = connect(); Statement sql = db.createStatement()) {
                assertThat(rows(sql, """
                        SELECT org_id || ' ' || coalesce(seq::text, '-') || ' ' || tableoid::regclass::text || ' '
                               || (retained_at = occurred_at)::text
                        FROM audit_event ORDER BY org_id, seq NULLS FIRST
                        """)).containsExactly(
                        "org_a 1 audit_event_growth_y2001m01 true",
                        "org_a 2 " + thisMonth + " true",
                        "org_a 3 " + thisMonth + " false",
                        "org_before_chain - audit_event_growth_y2001m01 true");
                assertThat(rows(sql, "SELECT org_id || ' ' || retention_class || ' ' || seq FROM audit_chain_head ORDER BY org_id"))
                        .as("every organization with rows has a head saying where they are")
                        .containsExactly("org_a growth 3", "org_before_chain growth 0");
                assertThat(rows(sql, "SELECT to_char(retained_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') FROM audit_chain_head"
                        + " WHERE org_id = 'org_before_chain'"))
                        .as("a head covers its organization's rows from before the chain too (V7): ingest looks up only events no later than it")
                        .containsExactly("2001-01-10");
            }
        } finally {
            try (Connection admin = PostgresAdmin.connect(url("postgres")); Statement sql = admin.createStatement()) {
                sql.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            }
        }
    }

    /** Up to {@code target} (without the start-up callback, which needs the latest schema), or to the latest. */
    private Flyway flyway(String target, boolean skipCallbacks) {
        var config = Flyway.configure().dataSource(url(DATABASE), owner, ownerPassword.orElse(null))
                .locations("classpath:db/migration").skipDefaultCallbacks(skipCallbacks)
                .placeholders(Map.of("runtime_role", runtimeRole, "retention_days", "365", "enterprise_retention_days", "2555"));
        return (target == null ? config : config.target(target)).load();
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url(DATABASE), owner, ownerPassword.orElse(null));
    }

    private String url(String database) {
        URI server = URI.create(ownerJdbcUrl.substring("jdbc:".length()));
        return "jdbc:postgresql://" + server.getHost() + ":" + server.getPort() + "/" + database;
    }

    private static List<String> rows(Statement sql, String query) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = sql.executeQuery(query)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }
}
