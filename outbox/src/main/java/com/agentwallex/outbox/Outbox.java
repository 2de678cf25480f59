package com.agentwallex.outbox;

import com.agentwallex.common.events.AuthEvent;
import com.agentwallex.common.events.AuthEventCodec;
import com.agentwallex.common.events.AuthTopics;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Records what must reach Kafka in the caller's transaction, so a state change and its event
 * commit or vanish together; {@link OutboxRelay} delivers them after the commit.
 */
@ApplicationScoped
public class Outbox {

    /** Fired with each append; the relay acts on it once the transaction has committed. */
    record Appended() {
    }

    // Plain SQL on the transaction's connection: an entity with a database-generated id costs
    // an immediate INSERT … RETURNING plus Hibernate's bookkeeping on every state change. created_at
    // is the column's default, the transaction's time.
    private static final String INSERT = "INSERT INTO outbox (topic, record_key, payload) VALUES (?, ?, ?)";

    private final AgroalDataSource dataSource;
    private final Event<Appended> appended;

    Outbox(AgroalDataSource dataSource, Event<Appended> appended) {
        this.dataSource = dataSource;
        this.appended = appended;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void event(AuthEvent event) {
        record(AuthTopics.AUTH_EVENTS, event.data().orgId(), AuthEventCodec.encode(event));
    }

    /** Any other record that must leave with the transaction, e.g. a revocation for verifiers' caches. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String topic, String key, byte[] payload) {
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(INSERT)) {
            insert.setString(1, topic);
            insert.setString(2, key);
            insert.setBytes(3, payload);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("outbox insert failed (SQLSTATE " + e.getSQLState() + ")", e);
        }
        appended.fire(new Appended());
    }
}
