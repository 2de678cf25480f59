-- Counts an organization's plan changes. Raised under the row lock that serialises them, it orders the
-- records on agentwallex.organization-plans.v1 where the replicas' clocks cannot: two changes on two
-- pods milliseconds apart may carry times in the wrong order.
ALTER TABLE organization ADD COLUMN plan_version bigint NOT NULL DEFAULT 0 CHECK (plan_version >= 0);
