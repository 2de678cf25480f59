package com.agentwallex.outbox;

import com.agentwallex.contract.events.AuthEvent;
import com.agentwallex.contract.events.AuthEventCodec;
import com.agentwallex.contract.events.AuthTopics;
import com.agentwallex.common.jdbc.Sql;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * Records what must reach Kafka in the caller's transaction, so a state change and its event
 * commit or vanish together; {@link OutboxRelay} delivers them after the commit.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class Outbox {

    /** Fired with each append; the relay acts on it once the transaction has committed. */
    record Appended() {
    }

    // Plain SQL on the transaction's connection, one INSERT per row and nothing read back: only the
    // relay needs the generated id, and it reads rows in id order after the commit. created_at is
    // the column's default, the transaction's time.
    private static final String INSERT = "INSERT INTO outbox (topic, record_key, payload) VALUES (?, ?, ?)";

    private final Sql sql;
    private final Event<Appended> appended;

    Outbox(AgroalDataSource dataSource, Event<Appended> appended) {
        this.sql = new Sql(dataSource);
        this.appended = appended;
    }

    public void event(AuthEvent event) {
        record(AuthTopics.AUTH_EVENTS, event.data().orgId(), AuthEventCodec.encode(event));
    }

    /**
     * Many events in one round trip (a JDBC batch): a flush of a few hundred usage events would
     * otherwise be as many statements, while new keys keep arriving behind it.
     */
    public void events(List<AuthEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        sql.batch("outbox insert", INSERT, events, (insert, event) -> {
            insert.setString(1, AuthTopics.AUTH_EVENTS);
            insert.setString(2, event.data().orgId());
            insert.setBytes(3, AuthEventCodec.encode(event));
        });
        appended.fire(new Appended());
    }

    /** Any other record that must leave with the transaction, e.g. a revocation for verifiers' caches. */
    public void record(String topic, String key, byte[] payload) {
        sql.update("outbox insert", INSERT, insert -> {
            insert.setString(1, topic);
            insert.setString(2, key);
            insert.setBytes(3, payload);
        });
        appended.fire(new Appended());
    }
}
