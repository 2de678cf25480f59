package com.agentwallex.audit.ingest;

import com.agentwallex.audit.verifier.EventChain;
import com.agentwallex.common.events.AuthEvent;
import com.agentwallex.common.plan.OrganizationPlans;
import com.agentwallex.common.plan.Plan;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Appends a batch to its organizations' hash chains in one transaction of four statements: lock the
 * chain heads the batch extends, look up which of its events are already stored, chain the others in
 * Java and insert them all (the rows travel as column arrays), move the heads (the head statements are
 * database functions, V5 and V6). The head lock serializes writers per organization, so two consumers
 * holding the same partition during a rebalance take turns instead of forking a chain, and the
 * moves are compare-and-set besides.
 * <p>
 * Each row goes into its organization's retention class as the locked head says (a new head takes the
 * class of the organization's current plan), with {@code retained_at} never going back along the chain
 * (ADR 22). Since that partition key is not fixed by the event, the primary key cannot catch every
 * redelivery: the look-up under the head lock does, so a stored event is never chained twice and the
 * consumer may replay any batch safely.
 */
@ApplicationScoped
class AuditEventBatchRepository {

    /** V5 and V6: the runtime role moves heads only through these functions. */
    private static final String LOCK_HEADS =
            "SELECT org_id, seq, hash, retention_class, retained_at FROM audit_lock_chain_heads($1, $2)";
    /** A stored copy has retained_at at or after its event time: older partitions need no look. */
    private static final String STORED = "SELECT event_id FROM audit_event WHERE retained_at >= $2 AND event_id = ANY($1)";
    private static final String INSERT = """
            INSERT INTO audit_event (event_id, occurred_at, org_id, type, source, subject, actor_type, actor_id,
                                     outcome, reason, client_ip, user_agent, request_id, resource_type,
                                     resource_id, details, traceparent, seq, prev_hash, hash, retention_class,
                                     retained_at)
            SELECT e.event_id, e.occurred_at, e.org_id, e.type, e.source, e.subject, e.actor_type, e.actor_id,
                   e.outcome, e.reason, e.client_ip, e.user_agent, e.request_id, e.resource_type,
                   e.resource_id, e.details::jsonb, e.traceparent, e.seq, e.prev_hash, e.hash, e.retention_class,
                   e.retained_at
            FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                        $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[],
                        $15::text[], $16::text[], $17::text[], $18::bigint[], $19::bytea[], $20::bytea[],
                        $21::text[], $22::timestamptz[])
                 AS e(event_id, occurred_at, org_id, type, source, subject, actor_type, actor_id, outcome, reason,
                      client_ip, user_agent, request_id, resource_type, resource_id, details, traceparent,
                      seq, prev_hash, hash, retention_class, retained_at)
            """;
    private static final String MOVE_HEADS = "SELECT audit_move_chain_heads($1, $2, $3, $4)";
    private static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(30);

    private final Pool pool;
    private final ObjectMapper json;
    private final OrganizationPlans plans;

    AuditEventBatchRepository(Pool pool, ObjectMapper json, OrganizationPlans plans) {
        this.pool = pool;
        this.json = json;
        this.plans = plans;
    }

    /** @return how many events were new; the rest were already stored. */
    int insert(List<AuthEvent> events) {
        if (events.isEmpty()) {
            return 0;
        }
        List<AuthEvent> distinct = distinctById(events);
        return pool.withTransaction(conn -> lockHeads(conn, distinct)
                        .flatMap(heads -> stored(conn, distinct).flatMap(stored -> write(conn, distinct, stored, heads))))
                .await().atMost(STATEMENT_TIMEOUT);
    }

    /**
     * The head of each organization in the batch, locked until the transaction ends (created at seq 0,
     * in the retention class of the organization's plan: free unless it changed plan, as it began).
     */
    private Uni<Map<String, Head>> lockHeads(SqlConnection conn, List<AuthEvent> events) {
        Set<String> orgs = new TreeSet<>();
        events.forEach(e -> orgs.add(e.data().orgId()));
        String[] orgIds = orgs.toArray(String[]::new);
        String[] classes = orgs.stream().map(org -> plans.current(org, Plan.FREE.wireName())).toArray(String[]::new);
        return conn.preparedQuery(LOCK_HEADS)
                .execute(Tuple.of(orgIds, classes))
                .map(rows -> {
                    Map<String, Head> heads = new HashMap<>();
                    for (Row row : rows) {
                        heads.put(row.getString("org_id"), new Head(row.getLong("seq"), row.getBuffer("hash").getBytes(),
                                row.getString("retention_class"), row.getOffsetDateTime("retained_at")));
                    }
                    return heads;
                });
    }

    /** Which of the batch are stored already; race-free because their heads are locked. */
    private Uni<Set<UUID>> stored(SqlConnection conn, List<AuthEvent> events) {
        UUID[] ids = events.stream().map(AuthEvent::id).toArray(UUID[]::new);
        OffsetDateTime oldest = events.stream().map(e -> utc(e)).min(Comparator.naturalOrder()).orElseThrow();
        return conn.preparedQuery(STORED).execute(Tuple.of(ids, oldest)).map(rows -> {
            Set<UUID> stored = new HashSet<>();
            rows.forEach(row -> stored.add(row.getUUID(0)));
            return stored;
        });
    }

    private Uni<Integer> write(SqlConnection conn, List<AuthEvent> events, Set<UUID> stored, Map<String, Head> heads) {
        List<AuthEvent> fresh = events.stream().filter(e -> !stored.contains(e.id())).toList();
        if (fresh.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        Map<String, Head> from = Map.copyOf(heads);
        Map<String, Head> to = new LinkedHashMap<>(heads);
        int n = fresh.size();
        UUID[] ids = new UUID[n];
        OffsetDateTime[] times = new OffsetDateTime[n];
        String[][] text = new String[15][n];
        Long[] seqs = new Long[n];
        Buffer[] prevHashes = new Buffer[n];
        Buffer[] hashes = new Buffer[n];
        String[] classes = new String[n];
        OffsetDateTime[] retainedAt = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            AuthEvent e = fresh.get(i);
            AuthEvent.Data d = e.data();
            Head head = to.get(d.orgId());
            long seq = head.seq() + 1;
            // Stored in its canonical form: what jsonb gives back then canonicalizes to the same text.
            String details = EventChain.canonicalJson(json.valueToTree(d.details()));
            byte[] hash = EventChain.link(head.hash(), new EventChain.Fields(d.actor().id(), d.actor().type().wireName(),
                    d.clientIp(), details, e.id().toString(), d.orgId(), d.outcome().wireName(), d.reason(), d.requestId(),
                    d.resource() == null ? null : d.resource().id(), d.resource() == null ? null : d.resource().type(),
                    seq, e.source(), e.subject(), e.time().truncatedTo(ChronoUnit.MICROS), e.traceparent(),
                    e.type().wireName(), d.userAgent()));
            ids[i] = e.id();
            times[i] = utc(e);
            // Never back along the chain: dropping a month of retained_at drops a prefix of every chain.
            retainedAt[i] = head.retainedAt() == null || times[i].isAfter(head.retainedAt()) ? times[i] : head.retainedAt();
            classes[i] = head.retentionClass();
            to.put(d.orgId(), new Head(seq, hash, head.retentionClass(), retainedAt[i]));
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
            text[13][i] = details;
            text[14][i] = e.traceparent();
            seqs[i] = seq;
            prevHashes[i] = Buffer.buffer(head.hash());
            hashes[i] = Buffer.buffer(hash);
        }
        Object[] params = new Object[22];
        params[0] = ids;
        params[1] = times;
        System.arraycopy(text, 0, params, 2, text.length);
        params[17] = seqs;
        params[18] = prevHashes;
        params[19] = hashes;
        params[20] = classes;
        params[21] = retainedAt;
        return conn.preparedQuery(INSERT).execute(Tuple.from(Arrays.asList(params)))
                .flatMap(inserted -> moveHeads(conn, from, to).map(moved -> inserted.rowCount()));
    }

    private Uni<Void> moveHeads(SqlConnection conn, Map<String, Head> from, Map<String, Head> to) {
        List<String> orgs = new ArrayList<>();
        to.forEach((org, head) -> {
            if (head.seq() != from.get(org).seq()) {
                orgs.add(org);
            }
        });
        String[] orgIds = orgs.toArray(String[]::new);
        Long[] fromSeqs = orgs.stream().map(o -> from.get(o).seq()).toArray(Long[]::new);
        Long[] toSeqs = orgs.stream().map(o -> to.get(o).seq()).toArray(Long[]::new);
        Buffer[] toHashes = orgs.stream().map(o -> Buffer.buffer(to.get(o).hash())).toArray(Buffer[]::new);
        return conn.preparedQuery(MOVE_HEADS).execute(Tuple.of(orgIds, fromSeqs, toSeqs, toHashes)).map(rows -> {
            if (rows.iterator().next().getInteger(0) != orgIds.length) {
                // Unreachable while the heads are locked; if it ever happens the batch must not commit.
                throw new IllegalStateException("a chain head moved under a locked batch; the batch is retried");
            }
            return null;
        });
    }

    /** Stored at the microsecond PostgreSQL keeps, and hashed at the same. */
    private static OffsetDateTime utc(AuthEvent e) {
        return OffsetDateTime.ofInstant(e.time().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    /** A batch may hold one event twice (a producer retry): chain it once. */
    private static List<AuthEvent> distinctById(List<AuthEvent> events) {
        Map<UUID, AuthEvent> byId = new LinkedHashMap<>();
        events.forEach(e -> byId.putIfAbsent(e.id(), e));
        return byId.size() == events.size() ? events : List.copyOf(byId.values());
    }

    private record Head(long seq, byte[] hash, String retentionClass, OffsetDateTime retainedAt) {
    }
}
