package com.agentwallex.audit.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.agentwallex.audit.integrity.IntegrityFixture;
import com.agentwallex.audit.support.ChainReader;
import com.agentwallex.audit.support.TestEvents;
import com.agentwallex.audit.support.TestKafka;
import com.agentwallex.audit.verifier.VerificationReport;
import com.agentwallex.contract.events.AuthEvent;
import com.agentwallex.contract.events.AuthEvent.Outcome;
import com.agentwallex.contract.events.AuthEventType;
import com.agentwallex.contract.events.AuthTopics;
import com.agentwallex.contract.plan.OrganizationPlan;
import com.agentwallex.common.plan.OrganizationPlans;
import com.agentwallex.contract.plan.Plan;
import com.agentwallex.common.testing.PostgresAdmin;
import com.agentwallex.common.testing.TestJwtKeys;
import com.agentwallex.common.testing.Tokens;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Retention by plan (ADR 22): the scheduled maintenance drops a month past retention whole and
 * keeps younger ones; each organization's events are kept as long as its plan says, a plan change
 * moves what is stored, and what remains still verifies.
 */
@QuarkusTest
@WithTestResource(value = TestJwtKeys.class, scope = TestResourceScope.GLOBAL)
class RetentionByPlanTest {

    /** Each organization's plan changes are counted, as auth-service counts them. */
    private static final AtomicLong PLAN_VERSIONS = new AtomicLong();

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final PartitionMaintenanceJob job;
    private final OrganizationPlans plans;
    private final String ownerJdbcUrl;

    private final String runtimeRole;
    private final Optional<String> runtimePassword;

    RetentionByPlanTest(PartitionMaintenanceJob job, OrganizationPlans plans,
                        @ConfigProperty(name = "quarkus.datasource.migration.jdbc.url") String ownerJdbcUrl,
                        @ConfigProperty(name = "quarkus.datasource.username") String runtimeRole,
                        @ConfigProperty(name = "quarkus.datasource.password") Optional<String> runtimePassword) {
        this.job = job;
        this.plans = plans;
        this.ownerJdbcUrl = ownerJdbcUrl;
        this.runtimeRole = runtimeRole;
        this.runtimePassword = runtimePassword;
    }

    /** The service's own run at start must not drop or move what a test has just set up. */
    @BeforeEach
    void afterTheRunAtStart() {
        job.startRun().toCompletableFuture().join();
    }

    @Test
    void aMaintenanceRunDropsAMonthPastRetentionAndKeepsTheCurrentOne() throws SQLException {
        LocalDate expired = LocalDate.of(2001, 1, 1);
        partitions(expired, Plan.GROWTH);
        try (Connection owner = PostgresAdmin.connect(ownerJdbcUrl);
             Statement sql = owner.createStatement()) {
            sql.execute("INSERT INTO audit_event (event_id, occurred_at, org_id, type, source, actor_type, actor_id, outcome,"
                    + " retention_class, retained_at)"
                    + " VALUES (gen_random_uuid(), '2001-01-15 12:00:00+00', 'org_retention', 'auth.login.succeeded',"
                    + " 'auth-service', 'user', 'usr_1', 'success', 'growth', '2001-01-15 12:00:00+00')");
        }
        assertThat(partitionExists("growth", expired)).isTrue();

        maintain();

        assertThat(partitionExists("growth", expired)).as("the month past retention is gone").isFalse();
        assertThat(partitionExists("growth", monthsAgo(0))).as("this month stays").isTrue();
    }

    @Test
    void aFreeOrganizationsMonthPastThirtyDaysIsDroppedWhileAGrowthOrganizationsSameMonthStays() throws SQLException {
        LocalDate month = monthsAgo(3);
        partitions(month, Plan.FREE, Plan.GROWTH);
        String free = TestEvents.newOrg();
        String growth = TestEvents.newOrg();
        planChanged(growth, Plan.GROWTH);
        AuthEvent freeEvent = eventIn(free, month);
        AuthEvent growthEvent = eventIn(growth, month);
        stored(freeEvent);
        stored(growthEvent);
        assertThat(classOf(freeEvent)).as("an organization that never changed plan began on free").isEqualTo("free");
        assertThat(classOf(growthEvent)).isEqualTo("growth");

        maintain();

        assertThat(rows(free)).as("the free organization's month, older than 30 days").isZero();
        assertThat(partitionExists("free", month)).isFalse();
        assertThat(rows(growth)).as("the growth organization's rows of the same month").isEqualTo(1);
        assertThat(partitionExists("growth", month)).isTrue();
    }

    @Test
    void aPlanChangeMovesAnOrganizationsStoredRowsToTheNewClassAndTheirChainStaysIntact() throws SQLException {
        String org = TestEvents.newOrg();
        List<AuthEvent> events = List.of(TestEvents.event(org), TestEvents.event(org), TestEvents.event(org));
        events.forEach(this::stored);
        assertThat(classesOf(org)).containsOnly("free");

        planChanged(org, Plan.ENTERPRISE);

        await().atMost(WAIT).until(() -> classesOf(org).equals(List.of("enterprise")));
        assertThat(rows(org)).isEqualTo(3);
        assertThat(ChainReader.verifiedChain(Tokens.forOrg(org))).hasSize(3);
        try (Connection owner = PostgresAdmin.connect(ownerJdbcUrl);
             PreparedStatement moves = owner.prepareStatement(
                     "SELECT from_class, to_class, moved_rows FROM audit_retention_move WHERE org_id = ?")) {
            moves.setString(1, org);
            try (ResultSet move = moves.executeQuery()) {
                assertThat(move.next()).as("the move is on record").isTrue();
                assertThat(List.of(move.getString(1), move.getString(2), move.getString(3))).containsExactly("free", "enterprise", "3");
            }
        }
        stored(TestEvents.event(org));
        assertThat(classesOf(org)).as("what comes after the change").containsOnly("enterprise");
    }

    @Test
    void anUpgradeKeepsWhatIsStillStoredPastThirtyDays() throws SQLException {
        LocalDate month = monthsAgo(3);
        partitions(month, Plan.FREE, Plan.GROWTH);
        String org = TestEvents.newOrg();
        stored(eventIn(org, month));
        assertThat(classesOf(org)).containsOnly("free");

        planChanged(org, Plan.GROWTH);
        await().atMost(WAIT).until(() -> classesOf(org).equals(List.of("growth")));
        maintain();

        assertThat(rows(org)).as("kept for the growth plan's 365 days").isEqualTo(1);
    }

    @Test
    void aDowngradeMakesTheOlderRowsEligibleForDroppingOnceTheNewRetentionHasPassedSinceIt() throws SQLException {
        LocalDate month = monthsAgo(5); // this test's own month: its free partition is held for a while
        partitions(month, Plan.FREE, Plan.GROWTH);
        String org = TestEvents.newOrg();
        planChanged(org, Plan.GROWTH);
        AuthEvent old = eventIn(org, month);
        stored(old);
        assertThat(classOf(old)).isEqualTo("growth");
        AuthEvent recent = TestEvents.event(org);
        stored(recent);

        try {
            planChanged(org, Plan.FREE);
            await().atMost(WAIT).until(() -> classesOf(org).equals(List.of("free")));
            maintain();
            assertThat(rows(org)).as("kept for the free plan's 30 days after the downgrade").isEqualTo(2);
        } finally {
            releaseHeldMonths(org);
        }
        maintain();

        assertThat(rows(org)).as("only the event of this month is left").isEqualTo(1);
        assertThat(ChainReader.ids(ChainReader.after(Tokens.forOrg(org), 0, Map.of()))).containsExactly(recent.id().toString());
    }

    @Test
    void aStolenRuntimeCredentialCannotEraseHistoryByMovingAnOrganizationToAShorterRetention() throws SQLException {
        LocalDate month = monthsAgo(6); // this test's own month: its free partition is held for a while
        partitions(month, Plan.FREE, Plan.ENTERPRISE);
        String org = TestEvents.newOrg();
        planChanged(org, Plan.ENTERPRISE);
        stored(eventIn(org, month));
        stored(TestEvents.event(org));

        try (Connection runtime = DriverManager.getConnection(ownerJdbcUrl, runtimeRole, runtimePassword.orElse(null));
             Statement sql = runtime.createStatement()) {
            sql.execute("SELECT audit_set_retention_class(ARRAY['" + org + "'], ARRAY['free'])");
            sql.execute("SELECT audit_drop_partitions_before('free', now() - interval '31 days')");
            sql.execute("SELECT audit_drop_expired_partitions('free')");

            assertThat(classesOf(org)).containsOnly("free");
            assertThat(rows(org)).as("the six-month-old event is still there").isEqualTo(2);
        } finally {
            releaseHeldMonths(org);
        }
    }

    /** The test's own move made old enough to hold nothing: a later run on the same database starts free of it. */
    private void releaseHeldMonths(String org) throws SQLException {
        asOwner("UPDATE audit_retention_move SET moved_at = now() - interval '31 days' WHERE org_id = ?", org);
    }

    @Test
    void whatRemainsAfterOldMonthsAreDroppedStillVerifiesEvenWithALateEventOfAnOldMonth() throws SQLException {
        LocalDate month = monthsAgo(3);
        partitions(month, Plan.FREE);
        String org = TestEvents.newOrg();
        stored(eventIn(org, month));
        stored(TestEvents.event(org));
        // Arrives after a newer event: kept with it, not in its own old month, or the chain would have a hole.
        AuthEvent late = eventIn(org, month);
        stored(late);
        assertThat(retainedAt(late)).as("retained with the newer event before it").isAfter(Instant.now().minus(Duration.ofHours(1)));

        maintain();

        List<JsonNode> remaining = ChainReader.after(Tokens.forOrg(org), 0, Map.of());
        assertThat(remaining.stream().map(e -> e.get("seq").asLong())).containsExactly(2L, 3L);
        IntegrityFixture.signCheckpoints();
        String export = IntegrityFixture.export(org);
        VerificationReport report = IntegrityFixture.verify(org, export);
        assertThat(report.intact()).as(report.toString()).isTrue();
        assertThat(report.firstSeq()).as("verified from the first seq kept").isEqualTo(2);
        // seq 2 and 3, and the export's own audit.exported when it was stored before the export read
        assertThat(report.events()).isBetween(2L, 3L);
    }

    @Test
    void anOldEventKeptInADefaultPartitionExpiresWithItsMonthAndTheChainStillVerifies() throws SQLException {
        LocalDate month = monthsAgo(8); // this test's own month: no partition of it in any class
        String free = TestEvents.newOrg();
        String growth = TestEvents.newOrg();
        planChanged(growth, Plan.GROWTH);
        // An organization's first event, stored long after its time (a replayed dead letter): its month has
        // no partition, and there is no newer event to be retained with, so it is kept in the default.
        AuthEvent freeLate = eventIn(free, month);
        AuthEvent growthLate = eventIn(growth, month);
        stored(freeLate);
        stored(growthLate);
        assertThat(partitionOf(freeLate)).isEqualTo("audit_event_free_default");
        assertThat(partitionOf(growthLate)).isEqualTo("audit_event_growth_default");
        stored(TestEvents.event(free));

        maintain();

        assertThat(rows(free)).as("the free organization's event, past 30 days, is gone from the default").isEqualTo(1);
        assertThat(rows(growth)).as("the growth organization's, within 365 days, is kept").isEqualTo(1);
        IntegrityFixture.signCheckpoints();
        VerificationReport report = IntegrityFixture.verify(free, IntegrityFixture.export(free));
        assertThat(report.intact()).as(report.toString()).isTrue();
        assertThat(report.firstSeq()).as("verified from the first seq kept").isEqualTo(2);
    }

    @Test
    void anEventRedeliveredAfterItsOrganizationChangedPlanOrMovedOnIsStoredOnce() throws SQLException {
        String org = TestEvents.newOrg();
        AuthEvent earlier = TestEvents.event(org, AuthEventType.LOGIN_SUCCEEDED, Outcome.SUCCESS, Instant.now().minusSeconds(3600));
        stored(earlier);
        stored(TestEvents.event(org));
        planChanged(org, Plan.GROWTH);
        await().atMost(WAIT).until(() -> classesOf(org).equals(List.of("growth")));

        // the same event again: now in another class, and after a newer one (another retained_at)
        AuthEvent next = TestEvents.event(org);
        TestKafka.publish(List.of(earlier, next, earlier));
        stored(next);

        assertThat(rows(org)).isEqualTo(3);
        assertThat(ChainReader.verifiedChain(Tokens.forOrg(org))).hasSize(3);
    }

    private void maintain() {
        await().atMost(WAIT).until(plans::caughtUp);
        job.maintain();
    }

    private static LocalDate monthsAgo(int months) {
        return LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1).minusMonths(months);
    }

    private static AuthEvent eventIn(String org, LocalDate month) {
        return TestEvents.event(org, AuthEventType.LOGIN_SUCCEEDED, Outcome.SUCCESS,
                month.plusDays(14).atStartOfDay().toInstant(ZoneOffset.UTC));
    }

    /** What auth-service publishes when billing changes a plan; waits until the database knows it. */
    private void planChanged(String org, Plan plan) {
        // changes read at start-up are left to the first maintenance run; later ones move at once
        await().atMost(WAIT).until(plans::caughtUp);
        TestKafka.publishRaw(AuthTopics.ORGANIZATION_PLANS, org, new OrganizationPlan(org, plan, Instant.now(), PLAN_VERSIONS.incrementAndGet()).encode());
        await().atMost(WAIT).until(() -> plan.wireName().equals(
                single("SELECT retention_class FROM audit_chain_head WHERE org_id = ?", org)));
    }

    /** Publishes the event (unless it is already on its way) and waits until it is stored. */
    private void stored(AuthEvent event) {
        TestKafka.publish(List.of(event));
        await().atMost(WAIT).until(() -> single("SELECT count(*) FROM audit_event WHERE event_id = ?::uuid",
                event.id().toString()).equals("1"));
    }

    private void partitions(LocalDate month, Plan... classes) throws SQLException {
        try (Connection owner = PostgresAdmin.connect(ownerJdbcUrl);
             PreparedStatement create = owner.prepareStatement("SELECT audit_create_month_partitions(?, ?::timestamp, ?::timestamp)")) {
            for (Plan plan : classes) {
                create.setString(1, plan.wireName());
                create.setString(2, month.toString());
                create.setString(3, month.toString());
                create.execute();
            }
        }
    }

    private boolean partitionExists(String retentionClass, LocalDate month) {
        return "t".equals(single("SELECT to_regclass(?) IS NOT NULL",
                "audit_event_" + retentionClass + "_y%04dm%02d".formatted(month.getYear(), month.getMonthValue())));
    }

    private String partitionOf(AuthEvent event) {
        return single("SELECT tableoid::regclass::text FROM audit_event WHERE event_id = ?::uuid", event.id().toString());
    }

    private String classOf(AuthEvent event) {
        return single("SELECT retention_class FROM audit_event WHERE event_id = ?::uuid", event.id().toString());
    }

    private Instant retainedAt(AuthEvent event) {
        return Instant.parse(single("SELECT to_char(retained_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"
                + " FROM audit_event WHERE event_id = ?::uuid", event.id().toString()));
    }

    private List<String> classesOf(String org) {
        return Arrays.asList(single("SELECT string_agg(DISTINCT retention_class, ',') FROM audit_event WHERE org_id = ?", org)
                .split(","));
    }

    private long rows(String org) {
        return Long.parseLong(single("SELECT count(*) FROM audit_event WHERE org_id = ?", org));
    }

    private void asOwner(String statement, String parameter) throws SQLException {
        try (Connection owner = PostgresAdmin.connect(ownerJdbcUrl);
             PreparedStatement update = owner.prepareStatement(statement)) {
            update.setString(1, parameter);
            update.executeUpdate();
        }
    }

    private String single(String query, String parameter) {
        try (Connection owner = PostgresAdmin.connect(ownerJdbcUrl);
             PreparedStatement statement = owner.prepareStatement(query)) {
            statement.setString(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                List<String> values = new ArrayList<>();
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
                return values.isEmpty() ? null : String.valueOf(values.getFirst());
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
