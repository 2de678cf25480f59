package com.agentwallex.auth.plan;

import com.agentwallex.auth.account.AccountRepository;
import com.agentwallex.auth.account.OrganizationEntity;
import com.agentwallex.auth.events.AuthEvents;
import com.agentwallex.contract.events.AuthEvent.Resource;
import com.agentwallex.contract.events.AuthEventType;
import com.agentwallex.contract.events.AuthTopics;
import com.agentwallex.contract.plan.OrganizationPlan;
import com.agentwallex.contract.plan.Plan;
import com.agentwallex.contract.problem.ApiException;
import com.agentwallex.common.web.ClientContext;
import com.agentwallex.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Map;

/**
 * An organization's plan changes here and nowhere else. The new plan, the record on the plans topic
 * (which the services that answer by plan follow) and the audit event commit together; setting
 * the plan it already has changes nothing and publishes nothing, so billing may repeat a call.
 */
@ApplicationScoped
class PlanService {

    static final String BILLING = "billing";

    private final AccountRepository accounts;
    private final Outbox outbox;
    private final AuthEvents events;

    PlanService(AccountRepository accounts, Outbox outbox, AuthEvents events) {
        this.accounts = accounts;
        this.outbox = outbox;
        this.events = events;
    }

    @Transactional
    PlanView change(String orgId, Plan plan, ClientContext client) {
        OrganizationEntity org = accounts.lockOrganization(orgId).orElseThrow(
                () -> new ApiException(404, "not_found", "Not found", "No organization with this id."));
        Instant now = Instant.now();
        if (org.plan().equals(plan.wireName())) {
            return new PlanView(orgId, org.plan(), org.plan(), false, null);
        }
        long version = accounts.updatePlan(orgId, plan.wireName());
        outbox.record(AuthTopics.ORGANIZATION_PLANS, orgId, new OrganizationPlan(orgId, plan, now, version).encode());
        events.service(AuthEventType.ORGANIZATION_PLAN_CHANGED, orgId, BILLING, client, new Resource("organization", orgId),
                Map.of("plan", plan.wireName(), "previous_plan", org.plan()));
        return new PlanView(orgId, plan.wireName(), org.plan(), true, now);
    }
}
