package com.agentwallex.common.plan;

import com.agentwallex.contract.events.AuthTopics;
import com.agentwallex.common.kafka.KafkaClients;
import com.agentwallex.common.revocation.TopicFollower;
import com.agentwallex.contract.plan.OrganizationPlan;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * Every organization's current plan, read from the beginning of the compacted plans topic into
 * memory (one short record per organization that ever changed plan). An organization without a
 * record never changed plan since it began, so the caller's own record of it (a key's stored plan,
 * a token's claim) is still right. Each change is fired as a CDI event once applied, so caches of
 * answers that carry a plan can forget them.
 */
@Singleton
@IfBuildProperty(name = "awx.organization-plans.follow", stringValue = "true")
public class OrganizationPlans {

    private static final Logger LOG = Logger.getLogger(OrganizationPlans.class);

    private final Map<String, OrganizationPlan> plans = new ConcurrentHashMap<>();
    private final Event<OrganizationPlan> changed;
    private final TopicFollower follower;
    private volatile boolean caughtUp;

    OrganizationPlans(KafkaClients kafka, Event<OrganizationPlan> changed) {
        this.changed = changed;
        this.follower = new TopicFollower(kafka, "awx-organization-plans", List.of(AuthTopics.ORGANIZATION_PLANS),
                List.of(), Duration.ZERO, this::apply, () -> {
                    caughtUp = true;
                    LOG.infof("organization plans loaded: %d organizations changed plan", plans.size());
                });
    }

    /** The organization's plan now, or {@code known} when it never changed since that was recorded. */
    public String current(String orgId, String known) {
        OrganizationPlan plan = plans.get(orgId);
        return plan == null ? known : plan.plan().wireName();
    }

    /** Every organization that changed plan since it began, with its plan now. */
    public List<OrganizationPlan> all() {
        return List.copyOf(plans.values());
    }

    /** False until every plan change published before start-up has been read. */
    public boolean caughtUp() {
        return caughtUp;
    }

    /** Not ready until every plan change is known: a fresh replica must not answer with a plan left behind. */
    @Produces
    @Readiness
    @Singleton
    HealthCheck readiness() {
        return () -> HealthCheckResponse.named("organization-plans").status(caughtUp).build();
    }

    void start(@Observes StartupEvent event) {
        follower.start("awx-organization-plans");
    }

    void stop(@Observes ShutdownEvent event) {
        follower.stop();
    }

    void apply(ConsumerRecord<String, byte[]> record) {
        OrganizationPlan plan = OrganizationPlan.decode(record.value());
        // A reconnect re-reads the topic: a record only counts when it is news.
        OrganizationPlan known = plans.get(plan.orgId());
        if (plan.supersedes(known)) {
            plans.put(plan.orgId(), plan);
            changed.fire(plan);
        }
    }
}
