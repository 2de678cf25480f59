package com.agentwallex.audit.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Live while the loop runs, also while it waits out a PostgreSQL outage: a restart would not
 * help then, so only a dead loop makes the pod unhealthy.
 */
@Liveness
@ApplicationScoped
class IngestLivenessCheck implements HealthCheck {

    private final AuditIngestService ingest;
    private final IngestConfig config;

    IngestLivenessCheck(AuditIngestService ingest, IngestConfig config) {
        this.ingest = ingest;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        boolean up = !config.enabled() || ingest.isIngesting();
        return HealthCheckResponse.named("audit-ingest").status(up)
                .withData("retrying", ingest.isRetrying()).build();
    }
}
