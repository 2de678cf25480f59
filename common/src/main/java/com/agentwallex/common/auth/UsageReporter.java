package com.agentwallex.common.auth;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.jboss.logging.Logger;

/**
 * Uses of API keys this service answered from its own cache of verify answers, counted in memory
 * and reported to apikey-service in batches per interval, so that a key's usage and
 * {@code api_key.used} count every use exactly, still without a call per request. A batch that
 * cannot be delivered is kept for the next; one apikey-service refuses as invalid is dropped, since
 * sending it again would be refused again and keep what follows it from being counted.
 */
@Singleton
@IfBuildProperty(name = "awx.request-auth.enabled", stringValue = "true")
class UsageReporter {

    private static final Logger LOG = Logger.getLogger(UsageReporter.class);
    /** Key and address pairs held at most; uses of further pairs are dropped until a report gets through. */
    static final int MAX_GROUPS = 10_000;
    /**
     * Pairs per request: an entry with the longest IPv6 address is ~190 bytes of JSON, so a batch
     * stays under 64 KB, far below apikey-service's body limit (one report of everything could not).
     */
    static final int BATCH = 200;
    private static final long EARLY_REPORT_SPACING = TimeUnit.SECONDS.toNanos(1);

    record Group(String keyId, String orgId, String clientIp) {
    }

    private record Taken(Group group, long uses, Instant last) {
    }

    static final class Count {
        final LongAdder uses = new LongAdder();
        volatile Instant last = Instant.EPOCH;
        /** Set by a report once it has removed the count as idle: a use that still added to it counts again. */
        volatile boolean dropped;
    }

    private final Map<Group, Count> counts;
    private final LongAdder dropped = new LongAdder();
    private final AtomicLong lastEarlyReport = new AtomicLong(System.nanoTime() - EARLY_REPORT_SPACING);
    private final URI usageUrl;
    private final ApiKeyServiceCalls apikeys;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "awx-usage-reports");
        thread.setDaemon(true);
        return thread;
    });

    @Inject
    UsageReporter(RequestAuthConfig auth) {
        this(ApiKeyServiceCalls.endpoint(auth.apiKeys().usageUrl(), auth.apiKeys().verifyUrl(), "usage"),
                new ApiKeyServiceCalls(auth.apiKeys()), auth.apiKeys().usageReportInterval());
    }

    UsageReporter(URI usageUrl, ApiKeyServiceCalls apikeys, Duration interval) {
        this(usageUrl, apikeys, interval, new ConcurrentHashMap<>());
    }

    /** @param counts a concurrent map (a test's can pause a use between finding its count and adding to it) */
    UsageReporter(URI usageUrl, ApiKeyServiceCalls apikeys, Duration interval, Map<Group, Count> counts) {
        this.counts = counts;
        this.usageUrl = usageUrl;
        this.apikeys = apikeys;
        long every = interval.toMillis();
        timer.scheduleWithFixedDelay(this::report, every, every, TimeUnit.MILLISECONDS);
    }

    void used(AwxPrincipal key, String clientIp, Instant at) {
        counted(new Group(key.actorId(), key.orgId(), clientIp), at, 1);
    }

    private void counted(Group group, Instant at, long uses) {
        Count count = counts.get(group);
        if (count == null) {
            if (counts.size() >= MAX_GROUPS) {
                dropped.increment();
                long now = System.nanoTime();
                // more pairs than we hold: report now, but not more than once a second while apikey-service is away
                long last = lastEarlyReport.get();
                if (now - last > EARLY_REPORT_SPACING && lastEarlyReport.compareAndSet(last, now)) {
                    timer.execute(this::report);
                }
                return;
            }
            count = counts.computeIfAbsent(group, g -> new Count());
        }
        count.last = at;
        count.uses.add(uses);
        if (count.dropped) {
            // A report dropped it as idle while we counted: what is still in it goes into a fresh one.
            long orphaned = count.uses.sumThenReset();
            if (orphaned > 0) {
                counted(group, at, orphaned);
            }
        }
    }

    void report() {
        long lost = dropped.sumThenReset();
        if (lost > 0) {
            LOG.warnf("%d key uses not counted: more than %d key and address pairs were waiting to be reported", lost, MAX_GROUPS);
        }
        List<Taken> batch = new ArrayList<>(BATCH);
        boolean delivering = true;
        for (Map.Entry<Group, Count> e : counts.entrySet()) {
            long n = e.getValue().uses.sumThenReset();
            if (n == 0) {
                counts.remove(e.getKey(), e.getValue());
                e.getValue().dropped = true;
                // A use counted between the two: taken here, or by used() once it sees the count dropped.
                n = e.getValue().uses.sumThenReset();
                if (n == 0) {
                    continue;
                }
            }
            batch.add(new Taken(e.getKey(), n, e.getValue().last));
            if (batch.size() == BATCH) {
                delivering = deliver(batch, delivering);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            deliver(batch, delivering);
        }
    }

    /** Sends one batch unless an earlier one of this report could not be delivered; true while they can. */
    private boolean deliver(List<Taken> batch, boolean delivering) {
        if (!delivering) {
            keep(batch);
            return false;
        }
        ArrayNode uses = ApiKeyServiceCalls.array();
        for (Taken taken : batch) {
            Group group = taken.group();
            ObjectNode use = uses.addObject().put("key_id", group.keyId()).put("org_id", group.orgId())
                    .put("count", taken.uses()).put("last_used_at", taken.last().toString());
            if (group.clientIp() != null) {
                use.put("client_ip", group.clientIp());
            }
        }
        try {
            int status = apikeys.postAndWait(usageUrl, ApiKeyServiceCalls.object().set("uses", uses));
            if (status / 100 == 2) {
                return true;
            }
            if (status == 400 || status == 413 || status == 422) {
                // its content was refused: sent again it would be refused again (a credential or routing
                // problem, 401/403/404, is ours to fix and keeps the uses)
                LOG.errorf("apikey-service refused a usage report of %d key uses (%d); dropped", batch.size(), status);
                return true;
            }
            throw new IOException("usage report answered " + status);
        } catch (IOException | RuntimeException e) {
            LOG.warnf("%d key uses not reported yet (%s); kept for the next report", batch.size(), e.toString());
            keep(batch);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            keep(batch);
            return false;
        }
    }

    private void keep(List<Taken> batch) {
        batch.forEach(t -> counts.computeIfAbsent(t.group(), g -> new Count()).uses.add(t.uses()));
    }

    /**
     * What was counted since the last report goes out before the service stops. A report the timer is
     * sending is let finish first: interrupted, it would put its batch back while this last report ran
     * beside it, and those uses were then counted twice (if the interrupted one had arrived) or lost.
     */
    @PreDestroy
    void stop() {
        timer.shutdown();
        try {
            if (!timer.awaitTermination(5, TimeUnit.SECONDS)) {
                timer.shutdownNow();
                timer.awaitTermination(1, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        report();
    }
}
