package com.agentwallex.audit.ingest;

import com.agentwallex.common.events.AuthEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgException;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Appends a batch in one statement: the rows travel as column arrays. Redeliveries are rare, so
 * the plain insert goes first; only a batch that meets an already-stored event is written again
 * with {@code ON CONFLICT DO NOTHING} (which costs about a quarter more on every batch). Either
 * way the consumer may replay any batch safely.
 */
@ApplicationScoped
class AuditEventBatchRepository {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String INSERT = """
            INSERT INTO audit_event (event_id, occurred_at, org_id, type, source, subject, actor_type, actor_id,
                                     outcome, reason, client_ip, user_agent, request_id, resource_type,
                                     resource_id, details, traceparent)
            SELECT e.event_id, e.occurred_at, e.org_id, e.type, e.source, e.subject, e.actor_type, e.actor_id,
                   e.outcome, e.reason, e.client_ip, e.user_agent, e.request_id, e.resource_type,
                   e.resource_id, e.details::jsonb, e.traceparent
            FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                        $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[],
                        $15::text[], $16::text[], $17::text[])
                 AS e(event_id, occurred_at, org_id, type, source, subject, actor_type, actor_id, outcome, reason,
                      client_ip, user_agent, request_id, resource_type, resource_id, details, traceparent)
            """;
    private static final String INSERT_SKIPPING_STORED = INSERT + " ON CONFLICT DO NOTHING";
    private static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(30);

    private final Pool pool;
    private final ObjectMapper json;

    AuditEventBatchRepository(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    /** @return how many events were new; the rest were already stored. */
    int insert(List<AuthEvent> events) {
        if (events.isEmpty()) {
            return 0;
        }
        int n = events.size();
        UUID[] ids = new UUID[n];
        OffsetDateTime[] times = new OffsetDateTime[n];
        String[][] text = new String[15][n];
        for (int i = 0; i < n; i++) {
            AuthEvent e = events.get(i);
            AuthEvent.Data d = e.data();
            ids[i] = e.id();
            times[i] = OffsetDateTime.ofInstant(e.time(), ZoneOffset.UTC);
            text[0][i] = d.orgId();
            text[1][i] = e.type().wireName();
            text[2][i] = e.source();
            text[3][i] = e.subject();
            text[4][i] = d.actor().type().wireName();
            text[5][i] = d.actor().id();
            text[6][i] = d.outcome().wireName();
            text[7][i] = d.reason();
            text[8][i] = d.clientIp();
            text[9][i] = d.userAgent();
            text[10][i] = d.requestId();
            text[11][i] = d.resource() == null ? null : d.resource().type();
            text[12][i] = d.resource() == null ? null : d.resource().id();
            text[13][i] = detailsJson(e);
            text[14][i] = e.traceparent();
        }
        Object[] params = new Object[17];
        params[0] = ids;
        params[1] = times;
        System.arraycopy(text, 0, params, 2, text.length);
        Tuple columns = Tuple.from(Arrays.asList(params));
        try {
            return execute(INSERT, columns);
        } catch (PgException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSqlState())) {
                throw e;
            }
            return execute(INSERT_SKIPPING_STORED, columns);
        }
    }

    private int execute(String sql, Tuple columns) {
        return pool.preparedQuery(sql).execute(columns).await().atMost(STATEMENT_TIMEOUT).rowCount();
    }

    private String detailsJson(AuthEvent event) {
        try {
            return json.writeValueAsString(event.data().details());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("details of event " + event.id() + " are not JSON", e);
        }
    }
}
