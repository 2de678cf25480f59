package com.agentwallex.contract.plan;

import com.agentwallex.contract.TopicRecordJson;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * "This organization is now on this plan": published by auth-service on
 * {@code agentwallex.organization-plans.v1}, keyed by organization id (a compacted topic, so the
 * latest record of each organization is its current plan), and followed by the services whose
 * answers depend on the plan. {@code version} counts the organization's changes and orders its
 * records: it is raised under the lock that serialises them, where {@code changedAt}, from the clock of
 * whichever replica made the change, may run backwards between two replicas. Records written before
 * versions (0) are ordered by {@code changedAt}, and precede every versioned one.
 */
public record OrganizationPlan(String orgId, Plan plan, Instant changedAt, long version) {

    public OrganizationPlan {
        Objects.requireNonNull(orgId, "org_id");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(changedAt, "changed_at");
        if (version < 0) {
            throw new IllegalArgumentException("version must not be negative");
        }
    }

    public byte[] encode() {
        return TopicRecordJson.write(TopicRecordJson.object().put("org_id", orgId)
                .put("plan", plan.wireName()).put("changed_at", changedAt.toString()).put("version", version));
    }

    public static OrganizationPlan decode(byte[] bytes) {
        return TopicRecordJson.read(bytes, "an organization plan", node -> {
            Plan plan = Plan.fromWireName(node.path("plan").asText())
                    .orElseThrow(() -> new IllegalArgumentException("unknown plan"));
            JsonNode version = node.path("version");
            if (!version.isMissingNode() && !version.canConvertToExactIntegral()) {
                throw new IllegalArgumentException("version must be a whole number");
            }
            // absent in records written before it existed: 0
            return new OrganizationPlan(node.path("org_id").asText(null), plan, Instant.parse(node.path("changed_at").asText()),
                    version.asLong(0));
        });
    }

    /** Whether this record is news after {@code known}: a later change, not the same one read again. */
    public boolean supersedes(OrganizationPlan known) {
        if (known == null) {
            return true;
        }
        if (version > 0 || known.version > 0) {
            return version > known.version;
        }
        return !equals(known) && !changedAt.isBefore(known.changedAt);
    }
}
