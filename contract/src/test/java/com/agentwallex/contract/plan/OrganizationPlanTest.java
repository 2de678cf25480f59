package com.agentwallex.contract.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OrganizationPlanTest {

    private static final Instant T = Instant.parse("2026-12-05T10:00:00Z");

    @Test
    void aRecordReadsBackAsWritten() {
        OrganizationPlan plan = new OrganizationPlan("org_1", Plan.GROWTH, T, 3);
        assertThat(new String(plan.encode(), StandardCharsets.UTF_8))
                .isEqualTo("{\"org_id\":\"org_1\",\"plan\":\"growth\",\"changed_at\":\"2026-12-05T10:00:00Z\",\"version\":3}");
        assertThat(OrganizationPlan.decode(plan.encode())).isEqualTo(plan);
    }

    @Test
    void aRecordWrittenBeforeVersionsReadsAsVersionZero() {
        assertThat(OrganizationPlan.decode("{\"org_id\":\"org_1\",\"plan\":\"free\",\"changed_at\":\"2026-12-05T10:00:00Z\"}"
                .getBytes(StandardCharsets.UTF_8))).isEqualTo(new OrganizationPlan("org_1", Plan.FREE, T, 0));
    }

    @Test
    void aPlanOutsideTheCatalogueAMissingFieldOrAVersionThatIsNoWholeNumberIsUnreadable() {
        for (String bad : new String[] {"{\"org_id\":\"o\",\"plan\":\"platinum\",\"changed_at\":\"2026-12-05T10:00:00Z\"}",
                "{\"plan\":\"free\",\"changed_at\":\"2026-12-05T10:00:00Z\"}", "{\"org_id\":\"o\",\"plan\":\"free\"}", "[]",
                "{\"org_id\":\"o\",\"plan\":\"free\",\"changed_at\":\"2026-12-05T10:00:00Z\",\"version\":\"2\"}",
                "{\"org_id\":\"o\",\"plan\":\"free\",\"changed_at\":\"2026-12-05T10:00:00Z\",\"version\":-1}"}) {
            assertThatThrownBy(() -> OrganizationPlan.decode(bad.getBytes(StandardCharsets.UTF_8)))
                    .as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void onlyALaterChangeIsNewsSoReadingTheTopicAgainUndoesNothing() {
        OrganizationPlan growth = new OrganizationPlan("org_1", Plan.GROWTH, T, 1);
        OrganizationPlan free = new OrganizationPlan("org_1", Plan.FREE, T.plusSeconds(1), 2);
        assertThat(growth.supersedes(null)).isTrue();
        assertThat(free.supersedes(growth)).isTrue();
        assertThat(growth.supersedes(free)).as("an older record read again").isFalse();
        assertThat(free.supersedes(free)).as("the same one").isFalse();
    }

    /**
     * Two changes milliseconds apart, made by two replicas whose clocks differ by more: the later change
     * carries the earlier time. Its version, counted under the organization's row lock, still makes it news.
     */
    @Test
    void theLaterVersionIsNewsWhateverTheReplicasClocksSaid() {
        OrganizationPlan free = new OrganizationPlan("org_1", Plan.FREE, T.plusMillis(10), 4);
        OrganizationPlan growth = new OrganizationPlan("org_1", Plan.GROWTH, T.plusMillis(3), 5);
        assertThat(growth.supersedes(free)).isTrue();
        assertThat(free.supersedes(growth)).isFalse();
    }

    @Test
    void recordsWrittenBeforeVersionsGoByTheirTimeAndPrecedeEveryVersionedOne() {
        OrganizationPlan legacyGrowth = new OrganizationPlan("org_1", Plan.GROWTH, T, 0);
        OrganizationPlan legacyFree = new OrganizationPlan("org_1", Plan.FREE, T.plusSeconds(1), 0);
        OrganizationPlan versioned = new OrganizationPlan("org_1", Plan.ENTERPRISE, T.minusSeconds(60), 1);
        assertThat(legacyFree.supersedes(legacyGrowth)).isTrue();
        assertThat(legacyGrowth.supersedes(legacyFree)).isFalse();
        assertThat(versioned.supersedes(legacyFree)).as("the first versioned change, on a clock behind").isTrue();
        assertThat(legacyFree.supersedes(versioned)).as("a record from before versions, read again").isFalse();
    }
}
