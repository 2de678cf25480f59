package com.agentwallex.apikey.verification;

import com.agentwallex.apikey.core.ApiKeyEvents;
import com.agentwallex.apikey.core.ApiKeyRepository;
import com.agentwallex.apikey.usage.KeyUsageRepository;
import com.agentwallex.contract.events.AuthEvent;
import com.agentwallex.contract.events.AuthEvent.Outcome;
import com.agentwallex.contract.events.AuthEventType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Turns the verify stream into a few rows and events. Uses, here and those other services answered
 * from their own caches and reported, are counted in memory and written once per key and client
 * address per interval ({@code api_key.used} with a count, {@code last_used_at}, the day's usage
 * row), in chunks of a few
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
    /** Uses kept from failed writes stop here: a long outage with ever new addresses must not grow memory without end. */
    static final int MAX_KEPT_GROUPS = 4 * MAX_TRACKED_KEYS;
    private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(5);

    static final class Tally {
        final String orgId;
        final LongAdder count = new LongAdder();
        volatile Instant last;
        volatile String clientIp;
        /** Set by a flush once it has removed the tally as idle: a count still added to it is counted again. */
        volatile boolean dropped;

        Tally(String orgId) {
            this.orgId = orgId;
        }
    }

    record FailureGroup(AuthEventType type, String reason, String clientIp, String keyId) {
    }

    /** Uses are counted per key and client address: who still sends an old key is a question customers ask. */
    record UseGroup(String keyId, String clientIp) {
    }

    private final Map<UseGroup, Tally> uses = new ConcurrentHashMap<>();
    private final AtomicBoolean flushing = new AtomicBoolean();
    private final Map<FailureGroup, Tally> failures = new ConcurrentHashMap<>();
    private final ApiKeyEvents events;
    private final ApiKeyRepository keys;
    private final KeyUsageRepository usage;
    private final Counter failedWrites;
    private final Counter droppedUses;
    private volatile long failedAt = System.nanoTime() - RETRY_AFTER_FAILURE.toNanos();

    UsageRecorder(ApiKeyEvents events, ApiKeyRepository keys, KeyUsageRepository usage, MeterRegistry registry) {
        this.events = events;
        this.keys = keys;
        this.usage = usage;
        this.failedWrites = Counter.builder("awx.apikey.usage.write.failures")
                .description("Chunks of counted uses and failures that could not be written; they are kept for the next flush")
                .register(registry);
        this.droppedUses = Counter.builder("awx.apikey.usage.dropped")
                .description("Counted uses given up after failed writes, past the most kept in memory").register(registry);
    }

    void used(CachedKey key, String clientIp, Instant now) {
        used(key.id(), key.orgId(), clientIp, now, 1);
    }

    /** Uses another service answered from its own cache of verify answers, reported in a batch. */
    void used(String keyId, String orgId, String clientIp, Instant last, long count) {
        UseGroup group = new UseGroup(keyId, clientIp);
        Tally tally = uses.get(group);
        if (tally == null) {
            if (uses.size() >= MAX_TRACKED_KEYS) {
                flushSoon(); // more keys in one interval than memory should hold: write them out now
            }
            tally = uses.computeIfAbsent(group, g -> new Tally(orgId));
        }
        add(tally, clientIp, last, count);
        if (tally.dropped) {
            // A flush dropped the tally as idle while we counted: what is still in it goes into a fresh one.
            long orphaned = tally.count.sumThenReset();
            if (orphaned > 0) {
                used(keyId, orgId, clientIp, last, orphaned);
            }
        }
    }

    /** What the count describes first: a flush that takes the count must find them set. */
    private static void add(Tally tally, String clientIp, Instant last, long count) {
        Instant previous = tally.last;
        tally.last = previous == null || last.isAfter(previous) ? last : previous;
        tally.clientIp = clientIp;
        tally.count.add(count);
    }

    void failed(AuthEventType type, String reason, String clientIp, CachedKey key, Instant now) {
        failed(new FailureGroup(type, reason, clientIp, key == null ? null : key.id()), key == null ? null : key.orgId(), now, 1);
    }

    private void failed(FailureGroup group, String orgId, Instant last, long count) {
        Tally tally = failures.get(group);
        if (tally == null) {
            FailureGroup counted = failures.size() >= MAX_FAILURE_GROUPS
                    ? new FailureGroup(group.type(), group.reason(), null, null) : group;
            tally = failures.computeIfAbsent(counted, g -> new Tally(g.keyId() == null ? null : orgId));
        }
        add(tally, group.clientIp(), last, count);
        if (tally.dropped) {
            long orphaned = tally.count.sumThenReset();
            if (orphaned > 0) {
                failed(group, orgId, last, orphaned);
            }
        }
    }

    private void flushSoon() {
        // After a failed write the kept uses hold the map above its mark: wait the interval out rather
        // than start a drain that fails again on every new key.
        if (!flushing.get() && System.nanoTime() - failedAt > RETRY_AFTER_FAILURE.toNanos()) {
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
        drain(uses, (group, tally, count) -> drained.add(new Use(group.keyId(), tally.orgId, group.clientIp(), tally.last, count)));
        for (int from = 0; from < drained.size(); from += CHUNK) {
            List<Use> chunk = drained.subList(from, Math.min(drained.size(), from + CHUNK));
            write(chunk, this::keep, () -> {
                Map<String, ApiKeyRepository.LastUse> lastUse = new HashMap<>();
                List<AuthEvent> observations = new ArrayList<>(chunk.size());
                List<KeyUsageRepository.UsageRow> rows = new ArrayList<>(chunk.size());
                for (Use use : chunk) {
                    lastUse.merge(use.keyId(), new ApiKeyRepository.LastUse(use.last(), use.clientIp()),
                            (a, b) -> a.at().isAfter(b.at()) ? a : b);
                    observations.add(ApiKeyEvents.observation(AuthEventType.API_KEY_USED, use.orgId(), use.keyId(),
                            Outcome.SUCCESS, null, use.clientIp(),
                            Map.of("count", use.count(), "last_used_at", use.last().toString())));
                    rows.add(new KeyUsageRepository.UsageRow(use.keyId(), "success", use.clientIp(), use.count(), use.last()));
                }
                events.observed(observations);
                keys.markUsed(lastUse);
                usage.add(rows);
            });
        }
    }

    @Scheduled(every = "${awx.apikey.failures.interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void flushFailures() {
        List<Failure> drained = new ArrayList<>();
        drain(failures, (group, tally, count) -> drained.add(new Failure(group, tally.orgId, tally.last, count)));
        for (int from = 0; from < drained.size(); from += CHUNK) {
            List<Failure> chunk = drained.subList(from, Math.min(drained.size(), from + CHUNK));
            // A chunk's events and its keys' refusal counts in one transaction: kept for the next flush together.
            write(chunk, failure -> failed(failure.group(), failure.orgId(), failure.last(), failure.count()), () -> {
                List<AuthEvent> observations = new ArrayList<>(chunk.size());
                List<KeyUsageRepository.UsageRow> refusals = new ArrayList<>();
                for (Failure failure : chunk) {
                    FailureGroup group = failure.group();
                    observations.add(ApiKeyEvents.observation(group.type(), failure.orgId(), group.keyId(), Outcome.FAILURE,
                            group.reason(), group.clientIp(), Map.of("count", failure.count(), "last_seen_at", failure.last().toString())));
                    if (group.keyId() != null && group.type() == AuthEventType.API_KEY_VERIFICATION_FAILED) {
                        refusals.add(new KeyUsageRepository.UsageRow(group.keyId(), group.reason().toLowerCase(java.util.Locale.ROOT),
                                group.clientIp(), failure.count(), failure.last()));
                    }
                }
                events.observed(observations);
                usage.add(refusals);
            });
        }
    }

    private void keep(Use use) {
        if (uses.size() < MAX_KEPT_GROUPS || uses.containsKey(new UseGroup(use.keyId(), use.clientIp()))) {
            used(use.keyId(), use.orgId(), use.clientIp(), use.last(), use.count());
        } else {
            droppedUses.increment(use.count());
        }
    }

    private record Use(String keyId, String orgId, String clientIp, Instant last, long count) {
    }

    private record Failure(FailureGroup group, String orgId, Instant last, long count) {
    }

    interface Drained<K> {
        void accept(K key, Tally tally, long count);
    }

    /** Takes each count; a group idle for a whole interval is dropped so the maps stay small. */
    private static <K> void drain(Map<K, Tally> tallies, Drained<K> sink) {
        for (Map.Entry<K, Tally> e : tallies.entrySet()) {
            long count = e.getValue().count.sumThenReset();
            if (count == 0 && tallies.remove(e.getKey(), e.getValue())) {
                e.getValue().dropped = true;
                // A count added between the two: taken here, or by its writer once it sees the tally dropped.
                count = e.getValue().count.sumThenReset();
            }
            if (count > 0) {
                sink.accept(e.getKey(), e.getValue(), count);
            }
        }
    }

    /**
     * One transaction per chunk: thousands of keys used in one interval must not become one huge
     * commit. A chunk that cannot be written (PostgreSQL away, while verify keeps answering cached
     * keys) goes back into the tallies for the next flush: its uses were answered, so they count.
     */
    private <T> void write(List<T> chunk, Consumer<T> keep, Runnable work) {
        try {
            QuarkusTransaction.requiringNew().run(work);
        } catch (RuntimeException e) {
            failedAt = System.nanoTime();
            failedWrites.increment();
            chunk.forEach(keep);
            LOG.warnf("could not record %d usage or failure events, kept for the next flush: %s", chunk.size(), e.toString());
        }
    }
}
