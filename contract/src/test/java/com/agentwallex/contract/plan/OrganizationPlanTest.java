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
        OrganizationPlan plan = new OrganizationPlan("org_1", Plan.GROWTH, T);
        assertThat(new String(plan.encode(), StandardCharsets.UTF_8))
                .isEqualTo("{\"org_id\":\"org_1\",\"plan\":\"growth\",\"changed_at\":\"2026-12-05T10:00:00Z\"}");
        assertThat(OrganizationPlan.decode(plan.encode())).isEqualTo(plan);
    }

    @Test
    void aPlanOutsideTheCatalogueOrAMissingFieldIsUnreadable() {
        for (String bad : new String[] {"{\"org_id\":\"o\",\"plan\":\"platinum\",\"changed_at\":\"2026-12-05T10:00:00Z\"}",
                "{\"plan\":\"free\",\"changed_at\":\"2026-12-05T10:00:00Z\"}", "{\"org_id\":\"o\",\"plan\":\"free\"}", "[]"}) {
            assertThatThrownBy(() -> OrganizationPlan.decode(bad.getBytes(StandardCharsets.UTF_8)))
                    .as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void onlyALaterChangeIsNewsSoReadingTheTopicAgainUndoesNothing() {
        OrganizationPlan growth = new OrganizationPlan("org_1", Plan.GROWTH, T);
        OrganizationPlan free = new OrganizationPlan("org_1", Plan.FREE, T.plusSeconds(1));
        assertThat(growth.supersedes(null)).isTrue();
        assertThat(free.supersedes(growth)).isTrue();
        assertThat(growth.supersedes(free)).as("an older record read again").isFalse();
        assertThat(free.supersedes(new OrganizationPlan("org_1", Plan.FREE, T.plusSeconds(1)))).as("the same one").isFalse();
    }
}
