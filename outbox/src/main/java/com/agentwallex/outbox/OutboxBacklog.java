package com.agentwallex.outbox;

import com.agentwallex.common.jdbc.Sql;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * What the relay has not delivered yet: {@code awx_outbox_backlog_rows} and the age of the oldest
 * of them, {@code awx_outbox_relay_lag_seconds}. While Kafka is away the relay only logs once and
 * rows wait silently (by design, {@link OutboxRelay}); these two are how an operator sees it, and
 * the lag is what the outbox alert watches (events and revocations arriving late).
 * <p>
 * Sampled on a schedule rather than at scrape time: a scrape then never waits for PostgreSQL, and
 * every replica's figure is the same table's, so any one of them answers for the service.
 */
@ApplicationScoped
class OutboxBacklog {

    private static final Logger LOG = Logger.getLogger(OutboxBacklog.class);
    private static final String SAMPLE =
            "SELECT count(*), COALESCE(EXTRACT(EPOCH FROM clock_timestamp() - min(created_at)), 0) FROM outbox";

    private record Sample(long rows, double lagSeconds) {
    }

    private final Sql sql;
    private final MeterRegistry registry;
    private volatile Sample last = new Sample(0, 0);

    OutboxBacklog(AgroalDataSource dataSource, MeterRegistry registry) {
        this.sql = new Sql(dataSource);
        this.registry = registry;
    }

    void register(@Observes StartupEvent event) {
        Gauge.builder("awx.outbox.backlog", this, b -> b.last.rows()).baseUnit("rows")
                .description("Outbox rows not yet acknowledged by Kafka").register(registry);
        TimeGauge.builder("awx.outbox.relay.lag", this, TimeUnit.SECONDS, b -> b.last.lagSeconds())
                .description("Age of the oldest outbox row not yet acknowledged by Kafka").register(registry);
    }

    @Scheduled(every = "${awx.outbox.metrics-interval:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sample() {
        try {
            last = sql.one("outbox backlog", SAMPLE, Sql.NONE, rs -> new Sample(rs.getLong(1), rs.getDouble(2)))
                    .orElse(new Sample(0, 0));
        } catch (RuntimeException e) {
            // PostgreSQL away: the health checks say so; keep the last figure rather than a false zero.
            LOG.debugf("outbox backlog not sampled: %s", e.toString());
        }
    }
}
