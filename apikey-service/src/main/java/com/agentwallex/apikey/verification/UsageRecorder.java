package com.agentwallex.apikey.verification;

import com.agentwallex.apikey.core.ApiKeyEvents;
import com.agentwallex.apikey.core.ApiKeyRepository;
import com.agentwallex.common.events.AuthEvent.Outcome;
import com.agentwallex.common.events.AuthEventType;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.jboss.logging.Logger;

/**
 * Turns the verify stream into a few rows and events. Uses are counted in memory and written once
 * per key per interval ({@code api_key.used} with a count, {@code last_used_at}); failures are
 * grouped by source, reason and key, so a flood from one client becomes one event per interval
 * with its count and can never swamp the audit store. No request ever waits for PostgreSQL here.
 */
@Singleton
class UsageRecorder {

    private static final Logger LOG = Logger.getLogger(UsageRecorder.class);
    /** Distinct failure groups kept per interval; beyond it they fold into one group per reason. */
    static final int MAX_FAILURE_GROUPS = 10_000;

    static final class Tally {
        final String orgId;
        final LongAdder count = new LongAdder();
        volatile Instant last;
        volatile String clientIp;

        Tally(String orgId) {
            this.orgId = orgId;
        }
    }

    record FailureGroup(AuthEventType type, String reason, String clientIp, String keyId) {
    }

    private final Map<String, Tally> uses = new ConcurrentHashMap<>();
    private final Map<FailureGroup, Tally> failures = new ConcurrentHashMap<>();
    private final ApiKeyEvents events;
    private final ApiKeyRepository keys;

    UsageRecorder(ApiKeyEvents events, ApiKeyRepository keys) {
        this.events = events;
        this.keys = keys;
    }

    void used(CachedKey key, String clientIp, Instant now) {
        Tally tally = uses.computeIfAbsent(key.id(), id -> new Tally(key.orgId()));
        tally.count.increment();
        tally.last = now;
        tally.clientIp = clientIp;
    }

    void failed(AuthEventType type, String reason, String clientIp, CachedKey key, Instant now) {
        FailureGroup group = new FailureGroup(type, reason, clientIp, key == null ? null : key.id());
        Tally tally = failures.get(group);
        if (tally == null) {
            if (failures.size() >= MAX_FAILURE_GROUPS) {
                group = new FailureGroup(type, reason, null, null);
            }
            tally = failures.computeIfAbsent(group, g -> new Tally(g.keyId() == null ? null : key.orgId()));
        }
        tally.count.increment();
        tally.last = now;
        tally.clientIp = clientIp;
    }

    @Scheduled(every = "${awx.apikey.usage.interval:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void flushUses() {
        Map<String, Instant> lastUse = new HashMap<>();
        List<Runnable> writes = new ArrayList<>();
        drain(uses, (id, tally, count) -> {
            lastUse.put(id, tally.last);
            writes.add(() -> events.observed(AuthEventType.API_KEY_USED, tally.orgId, id, Outcome.SUCCESS, null,
                    tally.clientIp, Map.of("count", count, "last_used_at", tally.last.toString())));
        });
        write(writes, () -> keys.markUsed(lastUse));
    }

    @Scheduled(every = "${awx.apikey.failures.interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void flushFailures() {
        List<Runnable> writes = new ArrayList<>();
        drain(failures, (group, tally, count) -> writes.add(() -> events.observed(group.type(), tally.orgId,
                group.keyId(), Outcome.FAILURE, group.reason(), group.clientIp(),
                Map.of("count", count, "last_seen_at", tally.last.toString()))));
        write(writes, () -> { });
    }

    interface Drained<K> {
        void accept(K key, Tally tally, long count);
    }

    /** Takes each count; a group idle for a whole interval is dropped so the maps stay small. */
    private static <K> void drain(Map<K, Tally> tallies, Drained<K> sink) {
        for (Map.Entry<K, Tally> e : tallies.entrySet()) {
            long count = e.getValue().count.sumThenReset();
            if (count == 0) {
                tallies.remove(e.getKey(), e.getValue());
            } else {
                sink.accept(e.getKey(), e.getValue(), count);
            }
        }
    }

    private static void write(List<Runnable> events, Runnable alsoInTransaction) {
        if (events.isEmpty()) {
            return;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                alsoInTransaction.run();
                events.forEach(Runnable::run);
            });
        } catch (RuntimeException e) {
            LOG.warnf("could not record %d usage or failure events: %s", events.size(), e.toString());
        }
    }
}
