package com.agentwallex.audit.pool;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Keeps out the two gauges Quarkus registers for each reactive PostgreSQL connection. Vert.x's
 * PostgreSQL client makes client metrics for every connection it opens, all under the pool's one
 * metrics name ({@code postgresql|<default>}), and Quarkus's Vert.x binder registers the gauges
 * {@code postgresql.queue.size} and {@code postgresql.current} for each: the same meter every time,
 * so each connection after the first logged Micrometer's "already registered" warning, and the
 * gauges showed the first connection alone. The pool's own gauges ({@code sql_pool_*}, which the
 * deploy reads) count the whole pool; the per-connection timers and counters add up across
 * connections and stay.
 */
@Singleton
class ConnectionGauges {

    @Produces
    @Singleton
    MeterFilter perConnectionGaugesOff() {
        return MeterFilter.deny(id -> id.getType() == Meter.Type.GAUGE && id.getName().startsWith("postgresql."));
    }
}
