package com.agentwallex.auth.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** The organization's plan after the call; {@code changed} is false when it already was on it. */
record PlanView(@JsonProperty("org_id") String orgId, String plan, @JsonProperty("previous_plan") String previousPlan,
                boolean changed, @JsonProperty("changed_at") @JsonInclude(JsonInclude.Include.NON_NULL) Instant changedAt) {
}
