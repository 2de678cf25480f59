package com.agentwallex.audit.retention;

import com.agentwallex.contract.plan.OrganizationPlan;
import com.agentwallex.common.plan.OrganizationPlans;
import com.agentwallex.contract.plan.Plan;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Keeps each organization's stored events in the retention class of its plan (ADR 22): a plan change
 * moves the organization's rows at once, and every maintenance run checks every known plan again
 * before anything is dropped, in case a move failed. The database function moves only what differs.
 */
@ApplicationScoped
class RetentionClasses {

    private static final Logger LOG = Logger.getLogger(RetentionClasses.class);
    private static final int CHUNK = 1000;
    private static final Duration MOVE_TIMEOUT = Duration.ofMinutes(5);

    private final Pool pool;
    private final OrganizationPlans plans;

    RetentionClasses(Pool pool, OrganizationPlans plans) {
        this.pool = pool;
        this.plans = plans;
    }

    /** How long a plan's events are kept: free 30 days, growth 365, enterprise as configured. */
    static int days(Plan plan, RetentionConfig config) {
        return switch (plan) {
            case FREE -> 30;
            case GROWTH -> 365;
            case ENTERPRISE -> config.enterpriseDays();
        };
    }

    void onPlanChange(@Observes OrganizationPlan change) {
        if (!plans.caughtUp()) {
            // The start-up read of the whole topic: one reconcile in chunks does these before any drop,
            // instead of a round trip per organization holding up readiness.
            return;
        }
        try {
            move(List.of(change));
        } catch (RuntimeException e) {
            LOG.warnf("retention class of %s not moved to %s yet, the next maintenance run retries: %s",
                    change.orgId(), change.plan().wireName(), e.toString());
        }
    }

    /** Whether every plan change published before start-up is known: until then nothing may be dropped. */
    boolean plansKnown() {
        return plans.caughtUp();
    }

    /** Moves every organization whose stored class differs from its current plan; returns how many moved. */
    int reconcile() {
        List<OrganizationPlan> all = plans.all();
        int moved = 0;
        for (int from = 0; from < all.size(); from += CHUNK) {
            moved += move(all.subList(from, Math.min(all.size(), from + CHUNK)));
        }
        return moved;
    }

    private int move(List<OrganizationPlan> changes) {
        String[] orgs = changes.stream().map(OrganizationPlan::orgId).toArray(String[]::new);
        String[] classes = changes.stream().map(c -> c.plan().wireName()).toArray(String[]::new);
        return pool.preparedQuery("SELECT audit_set_retention_class($1, $2)").execute(Tuple.of(orgs, classes))
                .await().atMost(MOVE_TIMEOUT).iterator().next().getInteger(0);
    }
}
