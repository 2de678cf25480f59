package com.agentwallex.audit.retention;

import static org.assertj.core.api.Assertions.assertThat;

import com.agentwallex.common.testing.PostgresAdmin;
import com.agentwallex.common.testing.TestJwtKeys;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The scheduled maintenance, run once: a month past retention is dropped whole, younger ones stay. */
@QuarkusTest
@WithTestResource(value = TestJwtKeys.class, scope = TestResourceScope.GLOBAL)
class RetentionRunTest {

    private static final String EXPIRED = "audit_event_y2001m01";

    private final PartitionMaintenanceJob job;
    private final String ownerJdbcUrl;

    RetentionRunTest(PartitionMaintenanceJob job,
                     @ConfigProperty(name = "quarkus.datasource.migration.jdbc.url") String ownerJdbcUrl) {
        this.job = job;
        this.ownerJdbcUrl = ownerJdbcUrl;
    }

    @Test
    void aMaintenanceRunDropsAMonthPastRetentionAndKeepsTheCurrentOne() throws SQLException {
        try (Connection owner = PostgresAdmin.connect(ownerJdbcUrl);
             Statement sql = owner.createStatement()) {
            sql.execute("CREATE TABLE IF NOT EXISTS " + EXPIRED + " PARTITION OF audit_event"
                    + " FOR VALUES FROM ('2001-01-01 00:00:00+00') TO ('2001-02-01 00:00:00+00')");
            sql.execute("INSERT INTO audit_event (event_id, occurred_at, org_id, type, source, actor_type, actor_id, outcome)"
                    + " VALUES (gen_random_uuid(), '2001-01-15 12:00:00+00', 'org_retention', 'auth.login.succeeded',"
                    + " 'auth-service', 'user', 'usr_1', 'success')");
            assertThat(exists(sql, EXPIRED)).isTrue();

            job.maintain();

            assertThat(exists(sql, EXPIRED)).as("the month past retention is gone").isFalse();
            try (ResultSet rs = sql.executeQuery("SELECT to_regclass('audit_event_' || to_char(now() AT TIME ZONE 'UTC',"
                    + " '\"y\"YYYY\"m\"MM')) IS NOT NULL")) {
                rs.next();
                assertThat(rs.getBoolean(1)).as("this month stays").isTrue();
            }
        }
    }

    private static boolean exists(Statement sql, String table) throws SQLException {
        try (ResultSet rs = sql.executeQuery("SELECT to_regclass('" + table + "') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
