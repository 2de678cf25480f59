package com.agentwallex.audit.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.agentwallex.common.plan.OrganizationPlans;
import com.agentwallex.common.testing.PostgresAdmin;
import com.agentwallex.common.testing.TestJwtKeys;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The scheduled maintenance, run once: a month past retention is dropped whole, younger ones stay. */
@QuarkusTest
@WithTestResource(value = TestJwtKeys.class, scope = TestResourceScope.GLOBAL)
class RetentionRunTest {

    private static final String EXPIRED = "audit_event_growth_y2001m01";

    private final PartitionMaintenanceJob job;
    private final OrganizationPlans plans;
    private final String ownerJdbcUrl;

    RetentionRunTest(PartitionMaintenanceJob job, OrganizationPlans plans,
                     @ConfigProperty(name = "quarkus.datasource.migration.jdbc.url") String ownerJdbcUrl) {
        this.job = job;
        this.plans = plans;
        this.ownerJdbcUrl = ownerJdbcUrl;
    }

    @Test
    void aMaintenanceRunDropsAMonthPastRetentionAndKeepsTheCurrentOne() throws SQLException {
        try (Connection owner = PostgresAdmin.connect(ownerJdbcUrl);
             Statement sql = owner.createStatement()) {
            sql.execute("SELECT audit_create_month_partitions('growth', '2001-01-01', '2001-01-01')");
            sql.execute("INSERT INTO audit_event (event_id, occurred_at, org_id, type, source, actor_type, actor_id, outcome,"
                    + " retention_class, retained_at)"
                    + " VALUES (gen_random_uuid(), '2001-01-15 12:00:00+00', 'org_retention', 'auth.login.succeeded',"
                    + " 'auth-service', 'user', 'usr_1', 'success', 'growth', '2001-01-15 12:00:00+00')");
            assertThat(exists(sql, EXPIRED)).isTrue();

            await().atMost(Duration.ofSeconds(30)).until(plans::caughtUp);
            job.maintain();

            assertThat(exists(sql, EXPIRED)).as("the month past retention is gone").isFalse();
            try (ResultSet rs = sql.executeQuery("SELECT to_regclass('audit_event_growth_' || to_char(now() AT TIME ZONE 'UTC',"
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
