package com.agentwallex.common.auth;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.jboss.logging.Logger;

/**
 * Uses of API keys this service answered from its own cache of verify answers, counted in memory
 * and reported to apikey-service in one batch per interval, so that a key's usage and
 * {@code api_key.used} count every use exactly, still without a call per request. A batch that
 * cannot be delivered is kept for the next (up to {@link #MAX_GROUPS} key and address pairs).
 */
@Singleton
@IfBuildProperty(name = "awx.request-auth.enabled", stringValue = "true")
class UsageReporter {

    private static final Logger LOG = Logger.getLogger(UsageReporter.class);
    static final int MAX_GROUPS = 10_000;

    record Group(String keyId, String orgId, String clientIp) {
    }

    static final class Count {
        final LongAdder uses = new LongAdder();
        volatile Instant last = Instant.EPOCH;
    }

    private final Map<Group, Count> counts = new ConcurrentHashMap<>();
    private final URI usageUrl;
    private final ApiKeyServiceCalls apikeys;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "awx-usage-reports");
        thread.setDaemon(true);
        return thread;
    });

    UsageReporter(RequestAuthConfig auth) {
        RequestAuthConfig.ApiKeys config = auth.apiKeys();
        this.usageUrl = ApiKeyServiceCalls.endpoint(config.usageUrl(), config.verifyUrl(), "usage");
        this.apikeys = new ApiKeyServiceCalls(config);
        long every = config.usageReportInterval().toMillis();
        timer.scheduleWithFixedDelay(this::report, every, every, TimeUnit.MILLISECONDS);
    }

    void used(AwxPrincipal key, String clientIp, Instant at) {
        Group group = new Group(key.actorId(), key.orgId(), clientIp);
        Count count = counts.get(group);
        if (count == null) {
            if (counts.size() >= MAX_GROUPS) {
                timer.execute(this::report); // more pairs than one batch should carry: report now
            }
            count = counts.computeIfAbsent(group, g -> new Count());
        }
        count.last = at;
        count.uses.increment();
    }

    void report() {
        List<Map.Entry<Group, Long>> taken = new ArrayList<>();
        ArrayNode uses = ApiKeyServiceCalls.array();
        for (Map.Entry<Group, Count> e : counts.entrySet()) {
            long n = e.getValue().uses.sumThenReset();
            if (n == 0) {
                counts.remove(e.getKey(), e.getValue());
                continue;
            }
            taken.add(Map.entry(e.getKey(), n));
            ObjectNode use = uses.addObject().put("key_id", e.getKey().keyId()).put("org_id", e.getKey().orgId())
                    .put("count", n).put("last_used_at", e.getValue().last.toString());
            if (e.getKey().clientIp() != null) {
                use.put("client_ip", e.getKey().clientIp());
            }
        }
        if (taken.isEmpty()) {
            return;
        }
        try {
            int status = apikeys.postAndWait(usageUrl, ApiKeyServiceCalls.object().set("uses", uses));
            if (status / 100 != 2) {
                throw new IOException("usage report answered " + status);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warnf("%d key uses not reported yet (%s); kept for the next report", taken.size(), e.toString());
            taken.forEach(t -> counts.computeIfAbsent(t.getKey(), g -> new Count()).uses.add(t.getValue()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What was counted since the last report goes out before the service stops. */
    @PreDestroy
    void stop() {
        timer.shutdownNow();
        report();
    }
}
