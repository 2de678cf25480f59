package com.agentwallex.common.auth;

import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready until every session ended before start-up is known: a load balancer keeps traffic
 * away from a fresh replica that would otherwise have to answer 503 to token holders.
 */
@Readiness
@ApplicationScoped
@IfBuildProperty(name = "awx.request-auth.enabled", stringValue = "true")
class RevocationsReadiness implements HealthCheck {

    private final RevocationFeed revocations;

    RevocationsReadiness(RevocationFeed revocations) {
        this.revocations = revocations;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("session-revocations").status(revocations.caughtUp()).build();
    }
}
