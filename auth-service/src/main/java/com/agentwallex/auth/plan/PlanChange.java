package com.agentwallex.auth.plan;

/** The body of a plan change: the plan the organization is on from now. */
record PlanChange(String plan) {
}
