package com.agentwallex.audit.ingest;

import com.agentwallex.common.kafka.KafkaClients;
import io.smallrye.health.api.HealthGroup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Whether the broker answers, within two seconds, at {@code /q/health/group/kafka}. Not a readiness
 * check: the audit log is read from PostgreSQL, so a Kafka outage must not take every replica out
 * of its Service (the ingest waits the outage out by itself, and a rollout would stall), as auth- and
 * apikey-service keep Kafka out of theirs. Quarkus's own Kafka check waits out the admin client's
 * default API timeout (a minute) when the broker is gone, so a probe would hang instead of failing;
 * this one answers DOWN in time.
 */
@HealthGroup("kafka")
@ApplicationScoped
class KafkaHealthCheck implements HealthCheck {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final Admin admin;

    KafkaHealthCheck(KafkaClients kafka) {
        this.admin = kafka.admin("audit-service-health", Map.of(
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis()));
    }

    @Override
    public HealthCheckResponse call() {
        try {
            int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()))
                    .nodes().get(TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS).size();
            return HealthCheckResponse.named("Kafka").up().withData("nodes", nodes).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HealthCheckResponse.named("Kafka").down().build();
        } catch (Exception e) {
            return HealthCheckResponse.named("Kafka").down().withData("reason", e.getClass().getSimpleName()).build();
        }
    }

    @PreDestroy
    void close() {
        admin.close(Duration.ofSeconds(1));
    }
}
