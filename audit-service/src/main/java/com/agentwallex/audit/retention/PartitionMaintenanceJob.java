package com.agentwallex.audit.retention;

import com.agentwallex.contract.plan.Plan;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;

/**
 * Keeps monthly partitions ready ahead of time and drops, per retention class, those past the
 * class's retention. Both run through database functions owned by the schema owner, so the runtime
 * role never holds DROP rights. Nothing is dropped before every plan is known and every organization's
 * rows are in its plan's class (ADR 22): an upgrade read late must not lose a paying organization's events.
 */
@ApplicationScoped
public class PartitionMaintenanceJob {

    private static final Logger LOG = Logger.getLogger(PartitionMaintenanceJob.class);
    private static final int MIN_ENTERPRISE_DAYS = 365;

    private final Pool pool;
    private final RetentionConfig config;
    private final RetentionClasses classes;
    private final CompletableFuture<Void> partitionsEnsured = new CompletableFuture<>();
    private final CompletableFuture<Void> startRun = new CompletableFuture<>();

    PartitionMaintenanceJob(Pool pool, RetentionConfig config, RetentionClasses classes) {
        this.pool = pool;
        this.config = config;
        this.classes = classes;
        if (config.enterpriseDays() < MIN_ENTERPRISE_DAYS) {
            throw new IllegalArgumentException("awx.audit.retention.enterprise-days must be at least " + MIN_ENTERPRISE_DAYS);
        }
    }

    /**
     * Off the main thread: it took ~0.15 s of the start, and readiness does not need it. The ingest
     * waits for this month's partitions ({@link #partitionsEnsured()}): a row stored before its
     * month's partition exists would stay in the default partition, which retention never drops.
     */
    void onStart(@Observes StartupEvent event) {
        Thread.ofPlatform().name("audit-partitions-start").daemon().start(() -> {
            try {
                maintain();
            } finally {
                startRun.complete(null);
            }
        });
    }

    /** Completes once a run has ensured the months' partitions, or failed to (it logs that). */
    public CompletionStage<Void> partitionsEnsured() {
        return partitionsEnsured;
    }

    /** Completes when the run at start has ended: tests wait for it before they run their own. */
    CompletionStage<Void> startRun() {
        return startRun;
    }

    /** One run at a time: the start's, the hourly one's and a caller's must not race to create a month. */
    @Scheduled(every = "1h", delayed = "1h", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void maintain() {
        try {
            int created;
            try {
                created = pool.preparedQuery("SELECT audit_ensure_partitions($1)").execute(Tuple.of(config.monthsAhead()))
                        .await().atMost(Duration.ofSeconds(30)).iterator().next().getInteger(0);
            } finally {
                partitionsEnsured.complete(null);
            }
            if (created > 0) {
                LOG.infof("audit partitions: %d created", created);
            }
            if (!classes.plansKnown()) {
                LOG.info("audit retention waits until the organization plans are read");
                return;
            }
            int moved = classes.reconcile();
            if (moved > 0) {
                LOG.infof("audit retention: %d organizations moved to their plan's retention class", moved);
            }
            for (Plan plan : Plan.values()) {
                dropExpired(plan);
            }
        } catch (RuntimeException e) {
            LOG.warnf("audit partition maintenance failed, will retry in an hour: %s", e.toString());
        }
    }

    /**
     * The cutoff is the database's (V8): one computed here equals the class's floor, so a clock a
     * millisecond ahead of PostgreSQL's was refused. A class that fails does not keep the others.
     */
    private void dropExpired(Plan plan) {
        try {
            int dropped = pool.preparedQuery("SELECT audit_drop_expired_partitions($1)").execute(Tuple.of(plan.wireName()))
                    .await().atMost(Duration.ofMinutes(5)).iterator().next().getInteger(0);
            if (dropped > 0) {
                LOG.infof("audit partitions: %d months of %s dropped (retention %d days)", dropped, plan.wireName(),
                        RetentionClasses.days(plan, config));
            }
        } catch (RuntimeException e) {
            LOG.warnf("audit retention of the %s class failed, will retry in an hour: %s", plan.wireName(), e.toString());
        }
    }
}
