package com.agentwallex.contract.plan;

import com.agentwallex.contract.TopicRecordJson;
import java.time.Instant;
import java.util.Objects;

/**
 * "This organization is now on this plan": published by auth-service on
 * {@code agentwallex.organization-plans.v1}, keyed by organization id (a compacted topic, so the
 * latest record of each organization is its current plan), and followed by the services whose
 * answers depend on the plan. {@code changedAt} orders two records of one organization.
 */
public record OrganizationPlan(String orgId, Plan plan, Instant changedAt) {

    public OrganizationPlan {
        Objects.requireNonNull(orgId, "org_id");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(changedAt, "changed_at");
    }

    public byte[] encode() {
        return TopicRecordJson.write(TopicRecordJson.object().put("org_id", orgId)
                .put("plan", plan.wireName()).put("changed_at", changedAt.toString()));
    }

    public static OrganizationPlan decode(byte[] bytes) {
        return TopicRecordJson.read(bytes, "an organization plan", node -> {
            Plan plan = Plan.fromWireName(node.path("plan").asText())
                    .orElseThrow(() -> new IllegalArgumentException("unknown plan"));
            return new OrganizationPlan(node.path("org_id").asText(null), plan, Instant.parse(node.path("changed_at").asText()));
        });
    }

    /** Whether this record is news after {@code known}: a later change, not the same one read again. */
    public boolean supersedes(OrganizationPlan known) {
        return known == null || !equals(known) && !changedAt.isBefore(known.changedAt);
    }
}
