package com.agentwallex.apikey.core;

import com.agentwallex.apikey.ApiKeyConfig;
import com.agentwallex.common.auth.AwxPrincipal;
import com.agentwallex.common.plan.OrganizationPlans;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Singleton;
import java.util.Locale;

/**
 * Who is calling. The plan is the organization's current one: the token's claim was true when it
 * was issued (up to its lifetime ago), so a plan changed since then counts at once.
 */
@Singleton
public class Callers {

    private final SecurityIdentity identity;
    private final OrganizationPlans plans;
    private final ApiKeyConfig config;

    Callers(SecurityIdentity identity, OrganizationPlans plans, ApiKeyConfig config) {
        this.identity = identity;
        this.plans = plans;
        this.config = config;
    }

    /** @throws io.quarkus.security.ForbiddenException for an API key: keys are managed by people */
    public Caller current() {
        AwxPrincipal principal = AwxPrincipal.user(identity);
        String claimed = principal.plan() == null ? "free" : principal.plan().toLowerCase(Locale.ROOT);
        String plan = plans.current(principal.orgId(), claimed);
        return new Caller(principal.orgId(), principal.actorId(), plan, config.allowlistPlans().contains(plan));
    }
}
