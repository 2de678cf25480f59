package com.agentwallex.common.plan;

import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until every plan change is known: a fresh replica must not answer with a plan left behind. */
@Readiness
@ApplicationScoped
@IfBuildProperty(name = "awx.organization-plans.follow", stringValue = "true")
class OrganizationPlansReadiness implements HealthCheck {

    private final OrganizationPlans plans;

    OrganizationPlansReadiness(OrganizationPlans plans) {
        this.plans = plans;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("organization-plans").status(plans.caughtUp()).build();
    }
}
