package com.agentwallex.auth.events;

import com.agentwallex.outbox.Outbox;
import com.agentwallex.contract.events.AuthEvent;
import com.agentwallex.contract.events.AuthEvent.ActorType;
import com.agentwallex.contract.events.AuthEvent.Outcome;
import com.agentwallex.contract.events.AuthEvent.Resource;
import com.agentwallex.common.events.AuthEventBuilder;
import com.agentwallex.contract.events.AuthEventType;
import com.agentwallex.common.web.ClientContext;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.util.Map;

/**
 * Builds auth events with the request's context and queues them in the caller's transaction.
 * Every sign-in, exchange, refresh, reuse, logout and refusal passes here, so this is also where
 * they are counted ({@code awx_auth_events_total} by type and outcome, {@code
 * awx_auth_refusals_total} by type and reason): once the transaction commits, as the event
 * itself, so a rolled-back attempt counts as little as it is audited. Reasons are our own
 * constants ({@link AuthReason}), never caller input, which keeps the series few.
 */
@ApplicationScoped
public class AuthEvents {

    public static final String SOURCE = "auth-service";

    private final Outbox outbox;
    private final MeterRegistry registry;
    private final TransactionSynchronizationRegistry transactions;

    AuthEvents(Outbox outbox, MeterRegistry registry, TransactionSynchronizationRegistry transactions) {
        this.outbox = outbox;
        this.registry = registry;
        this.transactions = transactions;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void user(AuthEventType type, String orgId, String userId, Outcome outcome, AuthReason reason,
                     ClientContext client, Resource resource, Map<String, Object> details) {
        record(AuthEventBuilder.event(SOURCE, type).org(orgId).actor(ActorType.USER, userId).outcome(outcome, wire(reason)),
                client, resource, details);
    }

    /** Something an API key did here (exchanged itself for an agent token). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apiKey(AuthEventType type, String orgId, String keyId, ClientContext client, Resource resource,
                       Map<String, Object> details) {
        record(AuthEventBuilder.event(SOURCE, type).org(orgId).actor(ActorType.API_KEY, keyId), client, resource, details);
    }

    /** Something another of our systems did to an organization (billing changed its plan). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void service(AuthEventType type, String orgId, String service, ClientContext client, Resource resource,
                        Map<String, Object> details) {
        record(AuthEventBuilder.event(SOURCE, type).org(orgId).actor(ActorType.SERVICE, service), client, resource, details);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void anonymousFailure(AuthEventType type, AuthReason reason, ClientContext client, Map<String, Object> details) {
        // Nobody could be identified: the event belongs to no organization (AuthEventBuilder.UNKNOWN_ORG).
        record(AuthEventBuilder.event(SOURCE, type).actor(ActorType.USER, "anonymous").outcome(Outcome.FAILURE, wire(reason)),
                client, null, details);
    }

    private static String wire(AuthReason reason) {
        return reason == null ? null : reason.wireName();
    }

    private void record(AuthEventBuilder event, ClientContext client, Resource resource, Map<String, Object> details) {
        AuthEvent built = event.client(client.ip(), client.userAgent(), client.requestId()).resource(resource)
                .details(details).build();
        outbox.event(built);
        transactions.registerInterposedSynchronization(new CountOnCommit(built));
    }

    private final class CountOnCommit implements Synchronization {

        private final AuthEventType type;
        private final Outcome outcome;
        private final String reason;

        CountOnCommit(AuthEvent event) {
            this.type = event.type();
            this.outcome = event.data().outcome();
            this.reason = event.data().reason();
        }

        @Override
        public void beforeCompletion() {
        }

        @Override
        public void afterCompletion(int status) {
            if (status != Status.STATUS_COMMITTED) {
                return;
            }
            registry.counter("awx.auth.events", "type", type.wireName(), "outcome", outcome.wireName()).increment();
            if (outcome == Outcome.FAILURE) {
                registry.counter("awx.auth.refusals", "type", type.wireName(), "reason", reason == null ? "none" : reason)
                        .increment();
            }
        }
    }
}
