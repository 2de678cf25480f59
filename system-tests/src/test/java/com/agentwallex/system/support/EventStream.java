package com.agentwallex.system.support;

import com.agentwallex.contract.events.AuthEvent;
import com.agentwallex.contract.events.AuthEventCodec;
import com.agentwallex.common.events.AuthEventPublisher;
import com.agentwallex.contract.events.AuthEventType;
import com.agentwallex.contract.events.AuthTopics;
import com.agentwallex.common.testing.TestKafkaClients;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * A steady stream of valid events for one organization, written straight to the events topic the
 * way a service's outbox relay writes them, so a fault can strike audit-service mid-stream.
 */
public final class EventStream implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicInteger sent = new AtomicInteger();
    private final String orgId;
    private final int total;

    /** Sends {@code total} events, {@code perTick} every 10 ms, starting now. */
    public EventStream(String orgId, int total, int perTick) {
        this.orgId = orgId;
        this.total = total;
        this.producer = TestKafkaClients.admin().reliableProducer("system-tests-stream", Map.of());
        pacer.scheduleAtFixedRate(() -> tick(perTick), 0, 10, TimeUnit.MILLISECONDS);
    }

    private void tick(int perTick) {
        for (int i = 0; i < perTick; i++) {
            int n = sent.getAndIncrement();
            if (n >= total) {
                pacer.shutdown();
                return;
            }
            AuthEvent event = AuthEvent.create("apikey-service", AuthEventType.API_KEY_USED, null, new AuthEvent.Data(
                    orgId, new AuthEvent.Actor(AuthEvent.ActorType.API_KEY, "ak_stream"), AuthEvent.Outcome.SUCCESS,
                    null, "198.51.100.9", null, null, null, Map.of("count", n + 1)));
            producer.send(AuthEventPublisher.record(AuthTopics.AUTH_EVENTS, orgId, AuthEventCodec.encode(event)),
                    (metadata, error) -> {
                        if (error == null) {
                            acknowledged.add(event.id().toString());
                        }
                    });
        }
    }

    /** Events the broker has acknowledged so far. */
    public int acknowledgedCount() {
        return acknowledged.size();
    }

    /** Blocks until every event was handed to the broker and acknowledged; returns their ids. */
    public Set<String> finish() {
        try {
            if (!pacer.awaitTermination(5, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the stream did not finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        producer.flush();
        if (acknowledged.size() != total) {
            throw new IllegalStateException(acknowledged.size() + " of " + total + " events acknowledged");
        }
        return Set.copyOf(acknowledged);
    }

    @Override
    public void close() {
        pacer.shutdownNow();
        producer.close();
    }
}
