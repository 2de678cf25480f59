package com.agentwallex.audit.retention;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jboss.logging.Logger;

/**
 * Keeps monthly partitions ready ahead of time and drops those past retention. Both run through
 * database functions owned by the schema owner, so the runtime role never holds DROP rights.
 */
@ApplicationScoped
class PartitionMaintenanceJob {

    private static final Logger LOG = Logger.getLogger(PartitionMaintenanceJob.class);
    private static final int MIN_RETENTION_DAYS = 31;

    private final Pool pool;
    private final RetentionConfig config;

    PartitionMaintenanceJob(Pool pool, RetentionConfig config) {
        this.pool = pool;
        this.config = config;
        if (config.days() < MIN_RETENTION_DAYS) {
            throw new IllegalArgumentException("awx.audit.retention.days must be at least " + MIN_RETENTION_DAYS);
        }
    }

    void onStart(@Observes StartupEvent event) {
        maintain();
    }

    @Scheduled(every = "1h", delayed = "1h", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void maintain() {
        OffsetDateTime cutoff = OffsetDateTime.now(ZoneOffset.UTC).minusDays(config.days());
        try {
            int created = pool.preparedQuery("SELECT audit_ensure_partitions($1)").execute(Tuple.of(config.monthsAhead()))
                    .await().atMost(Duration.ofSeconds(30)).iterator().next().getInteger(0);
            int dropped = pool.preparedQuery("SELECT audit_drop_partitions_before($1)").execute(Tuple.of(cutoff))
                    .await().atMost(Duration.ofMinutes(5)).iterator().next().getInteger(0);
            if (created > 0 || dropped > 0) {
                LOG.infof("audit partitions: %d created, %d dropped (retention %d days)", created, dropped, config.days());
            }
        } catch (RuntimeException e) {
            LOG.warnf("audit partition maintenance failed, will retry in an hour: %s", e.toString());
        }
    }
}
