package com.agentwallex.apikey.verification;

import com.agentwallex.apikey.core.ApiKeyEvents;
import com.agentwallex.apikey.core.ApiKeyRepository;
import com.agentwallex.common.events.AuthEvent;
import com.agentwallex.common.events.AuthEvent.Outcome;
import com.agentwallex.common.events.AuthEventType;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.jboss.logging.Logger;

/**
 * Turns the verify stream into a few rows and events. Uses are counted in memory and written once
 * per key per interval ({@code api_key.used} with a count, {@code last_used_at}), in chunks of a few
 * hundred per transaction and sooner when very many keys are in use; failures are
 * grouped by source, reason and key, so a flood from one client becomes one event per interval
 * with its count and can never swamp the audit store. No request ever waits for PostgreSQL here.
 */
@Singleton
class UsageRecorder {

    private static final Logger LOG = Logger.getLogger(UsageRecorder.class);
    /** Distinct failure groups kept per interval; beyond it they fold into one group per reason. */
    static final int MAX_FAILURE_GROUPS = 10_000;
    static final int CHUNK = 500;
    /** Keys counted between flushes; beyond it a flush starts early. */
    static final int MAX_TRACKED_KEYS = 20_000;

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
    private final AtomicBoolean flushing = new AtomicBoolean();
    private final Map<FailureGroup, Tally> failures = new ConcurrentHashMap<>();
    private final ApiKeyEvents events;
    private final ApiKeyRepository keys;

    UsageRecorder(ApiKeyEvents events, ApiKeyRepository keys) {
        this.events = events;
        this.keys = keys;
    }

    void used(CachedKey key, String clientIp, Instant now) {
        Tally tally = uses.get(key.id());
        if (tally == null) {
            if (uses.size() >= MAX_TRACKED_KEYS) {
                flushSoon(); // more keys in one interval than memory should hold: write them out now
            }
            tally = uses.computeIfAbsent(key.id(), id -> new Tally(key.orgId()));
        }
        // What the count describes first: a flush that takes the count must find them set.
        tally.last = now;
        tally.clientIp = clientIp;
        tally.count.increment();
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
        // What the count describes first: a flush that takes the count must find them set.
        tally.last = now;
        tally.clientIp = clientIp;
        tally.count.increment();
    }

    private void flushSoon() {
        if (!flushing.get()) {
            Infrastructure.getDefaultWorkerPool().execute(this::flushUses);
        }
    }

    @Scheduled(every = "${awx.apikey.usage.interval:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void flushUses() {
        if (!flushing.compareAndSet(false, true)) {
            return;
        }
        try {
            writeUses();
        } finally {
            flushing.set(false);
        }
    }

    private void writeUses() {
        List<Use> drained = new ArrayList<>();
        drain(uses, (id, tally, count) -> drained.add(new Use(id, tally.orgId, tally.clientIp, tally.last, count)));
        for (int from = 0; from < drained.size(); from += CHUNK) {
            List<Use> chunk = drained.subList(from, Math.min(drained.size(), from + CHUNK));
            write(chunk.size(), () -> {
                Map<String, Instant> lastUse = new HashMap<>();
                List<AuthEvent> observations = new ArrayList<>(chunk.size());
                for (Use use : chunk) {
                    lastUse.put(use.keyId(), use.last());
                    observations.add(ApiKeyEvents.observation(AuthEventType.API_KEY_USED, use.orgId(), use.keyId(),
                            Outcome.SUCCESS, null, use.clientIp(),
                            Map.of("count", use.count(), "last_used_at", use.last().toString())));
                }
                events.observed(observations);
                keys.markUsed(lastUse);
            });
        }
    }

    @Scheduled(every = "${awx.apikey.failures.interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void flushFailures() {
        List<AuthEvent> drained = new ArrayList<>();
        drain(failures, (group, tally, count) -> drained.add(ApiKeyEvents.observation(group.type(), tally.orgId,
                group.keyId(), Outcome.FAILURE, group.reason(), group.clientIp(),
                Map.of("count", count, "last_seen_at", tally.last.toString()))));
        for (int from = 0; from < drained.size(); from += CHUNK) {
            List<AuthEvent> chunk = drained.subList(from, Math.min(drained.size(), from + CHUNK));
            write(chunk.size(), () -> events.observed(chunk));
        }
    }

    private record Use(String keyId, String orgId, String clientIp, Instant last, long count) {
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

    /** One transaction per chunk: thousands of keys used in one interval must not become one huge commit. */
    private static void write(int count, Runnable work) {
        try {
            QuarkusTransaction.requiringNew().run(work);
        } catch (RuntimeException e) {
            LOG.warnf("could not record %d usage or failure events: %s", count, e.toString());
        }
    }
}
