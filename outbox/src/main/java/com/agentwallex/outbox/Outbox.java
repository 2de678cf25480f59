package com.agentwallex.outbox;

import com.agentwallex.common.events.AuthEvent;
import com.agentwallex.common.events.AuthEventCodec;
import com.agentwallex.common.events.AuthTopics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * Records what must reach Kafka in the caller's transaction, so a state change and its event
 * commit or vanish together; {@link OutboxRelay} delivers them after the commit.
 */
@ApplicationScoped
public class Outbox {

    /** Fired with each append; the relay acts on it once the transaction has committed. */
    record Appended() {
    }

    private final EntityManager em;
    private final Event<Appended> appended;

    Outbox(EntityManager em, Event<Appended> appended) {
        this.em = em;
        this.appended = appended;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void event(AuthEvent event) {
        record(AuthTopics.AUTH_EVENTS, event.data().orgId(), AuthEventCodec.encode(event));
    }

    /** Any other record that must leave with the transaction, e.g. a revocation for verifiers' caches. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String topic, String key, byte[] payload) {
        OutboxEntity row = new OutboxEntity();
        row.topic = topic;
        row.recordKey = key;
        row.payload = payload;
        row.createdAt = Instant.now();
        em.persist(row);
        appended.fire(new Appended());
    }
}
