package com.agentwallex.audit.ingest;

import com.agentwallex.audit.ingest.AuditEventBatchRepository.Head;
import com.agentwallex.audit.ingest.IngestMetrics.Phase;
import com.agentwallex.audit.verifier.EventChain;
import com.agentwallex.common.plan.OrganizationPlans;
import com.agentwallex.contract.events.AuthEvent;
import com.agentwallex.contract.events.AuthEventCodec.Read;
import com.agentwallex.contract.plan.Plan;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Appends a batch to its organizations' hash chains in one transaction: lock the chain heads the batch
 * extends, look up which of its events are already stored, chain the others and insert them all, move
 * the heads (AuditEventBatchRepository's statements). The head lock serializes writers per
 * organization, so two consumers holding the same partition during a rebalance take turns instead of
 * forking a chain, and the moves are compare-and-set besides.
 * <p>
 * Each row goes into its organization's retention class as the locked head says (a new head takes the
 * class of the organization's current plan), with {@code retained_at} never going back along the chain
 * (ADR 22). Since that partition key is not fixed by the event, the primary key cannot catch every
 * redelivery: the look-up under the head lock does (of the events no later than their head, the only
 * ones that can be stored), so a stored event is never chained twice and the consumer may replay any
 * batch safely.
 * <p>
 * The caller's thread (an ingest consumer's) does the work between the statements and waits for each
 * (ADR 24: the service waits, the repository answers Uni). Chaining inside the statements' callbacks
 * would run it on the connection's event loop, one thread that every consumer's batches then queue
 * behind (bench/audit-ingest, issue 21).
 */
@ApplicationScoped
class BatchAppendService {

    private static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(30);

    private final Pool pool;
    private final AuditEventBatchRepository repository;
    private final OrganizationPlans plans;
    private final IngestMetrics metrics;

    BatchAppendService(Pool pool, AuditEventBatchRepository repository, OrganizationPlans plans, IngestMetrics metrics) {
        this.pool = pool;
        this.repository = repository;
        this.plans = plans;
        this.metrics = metrics;
    }

    /** @return how many events were new; the rest were already stored. Details are in their canonical form. */
    int append(List<Read<String>> events) {
        if (events.isEmpty()) {
            return 0;
        }
        // Everything that does not depend on the heads, before the transaction holds any lock.
        List<Prepared> batch = prepare(events);
        long t = System.nanoTime();
        SqlConnection conn = await(pool.getConnection());
        try {
            Transaction tx = await(conn.begin());
            t = metrics.phase(Phase.CONNECT, t);
            try {
                int inserted = append(conn, batch);
                t = System.nanoTime();
                await(tx.commit());
                metrics.phase(Phase.DB_COMMIT, t);
                return inserted;
            } catch (RuntimeException e) {
                // A failed statement has already ended the transaction; this covers a failure in Java.
                await(tx.rollback().onFailure().recoverWithNull());
                throw e;
            }
        } finally {
            await(conn.close().onFailure().recoverWithNull());
        }
    }

    private int append(SqlConnection conn, List<Prepared> batch) {
        Set<String> orgSet = new TreeSet<>();
        batch.forEach(p -> orgSet.add(p.event().data().orgId()));
        String[] orgs = orgSet.toArray(String[]::new);
        String[] classes = new String[orgs.length];
        for (int i = 0; i < orgs.length; i++) {
            classes[i] = plans.current(orgs[i], Plan.FREE.wireName());
        }
        long t = System.nanoTime();
        Map<String, Head> heads = await(repository.lockHeads(conn, orgs, classes));
        t = metrics.phase(Phase.LOCK_HEADS, t);
        Set<UUID> stored = stored(conn, batch, heads);
        t = metrics.phase(Phase.STORED, t);
        List<Prepared> fresh = stored.isEmpty() ? batch : batch.stream().filter(p -> !stored.contains(p.event().id())).toList();
        if (fresh.isEmpty()) {
            return 0;
        }
        Map<String, Head> to = new LinkedHashMap<>(heads);
        AuditEventBatchRepository.Rows rows = chain(fresh, to);
        t = metrics.phase(Phase.CHAIN, t);
        int inserted = await(repository.insert(conn, rows));
        t = metrics.phase(Phase.INSERT, t);
        List<String> moved = new ArrayList<>();
        to.forEach((org, head) -> {
            if (head.seq() != heads.get(org).seq()) {
                moved.add(org);
            }
        });
        int headsMoved = await(repository.moveHeads(conn, moved, heads, to));
        metrics.phase(Phase.MOVE_HEADS, t);
        if (headsMoved != moved.size()) {
            // Unreachable while the heads are locked; if it ever happens the batch must not commit.
            throw new IllegalStateException("a chain head moved under a locked batch; the batch is retried");
        }
        return inserted;
    }

    /**
     * Which of the batch's events are stored already. Only an event no later than its organization's head
     * can be: a stored copy has a retained_at at or after its event time and at or before its head's
     * (retained_at never goes back along a chain, and the head holds the newest, V7), so an event later
     * than its head is new without a look-up. A drain's events are mostly that, and the look-up of every
     * id took as long as the insert (bench/audit-ingest, issue 21); redeliveries are still looked up.
     */
    private Set<UUID> stored(SqlConnection conn, List<Prepared> batch, Map<String, Head> heads) {
        List<UUID> ids = new ArrayList<>();
        OffsetDateTime oldest = null;
        for (Prepared p : batch) {
            OffsetDateTime newestStored = heads.get(p.event().data().orgId()).retainedAt();
            if (newestStored != null && !p.time().isAfter(newestStored)) {
                ids.add(p.event().id());
                oldest = oldest == null || p.time().isBefore(oldest) ? p.time() : oldest;
            }
        }
        if (ids.isEmpty()) {
            return Set.of();
        }
        String[] headClasses = heads.values().stream().map(Head::retentionClass).distinct().toArray(String[]::new);
        return await(repository.stored(conn, ids.toArray(UUID[]::new), oldest, headClasses));
    }

    /** Links each event to its organization's head and moves the head along ({@code heads} is updated). */
    private static AuditEventBatchRepository.Rows chain(List<Prepared> fresh, Map<String, Head> heads) {
        AuditEventBatchRepository.Rows rows = new AuditEventBatchRepository.Rows(fresh.size());
        for (int i = 0; i < fresh.size(); i++) {
            Prepared p = fresh.get(i);
            AuthEvent e = p.event();
            AuthEvent.Data d = e.data();
            Head head = heads.get(d.orgId());
            long seq = head.seq() + 1;
            byte[] hash = EventChain.link(head.hash(), new EventChain.Fields(d.actor().id(), d.actor().type().wireName(),
                    d.clientIp(), p.details(), e.id().toString(), d.orgId(), d.outcome().wireName(), d.reason(),
                    d.requestId(), d.resource() == null ? null : d.resource().id(),
                    d.resource() == null ? null : d.resource().type(), seq, e.source(), e.subject(), p.instant(),
                    e.traceparent(), e.type().wireName(), d.userAgent()));
            // Never back along the chain: dropping a month of retained_at drops a prefix of every chain.
            OffsetDateTime retainedAt = head.retainedAt() == null || p.time().isAfter(head.retainedAt())
                    ? p.time() : head.retainedAt();
            rows.add(i, e, p.time(), p.details(), seq, Buffer.buffer(head.hash()), Buffer.buffer(hash),
                    head.retentionClass(), retainedAt);
            heads.put(d.orgId(), new Head(seq, hash, head.retentionClass(), retainedAt));
        }
        return rows;
    }

    /** Distinct by id (a producer retry may repeat one in a batch), with what chaining needs precomputed. */
    private static List<Prepared> prepare(List<Read<String>> events) {
        Set<UUID> seen = new HashSet<>();
        List<Prepared> prepared = new ArrayList<>(events.size());
        for (Read<String> read : events) {
            AuthEvent e = read.event();
            if (seen.add(e.id())) {
                // Stored and hashed at the microsecond PostgreSQL keeps.
                Instant instant = e.time().truncatedTo(ChronoUnit.MICROS);
                // Details are stored in their canonical form: what jsonb gives back canonicalizes to the same text.
                prepared.add(new Prepared(e, instant, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC), read.details()));
            }
        }
        return prepared;
    }

    private static <T> T await(Uni<T> uni) {
        return uni.await().atMost(STATEMENT_TIMEOUT);
    }

    private record Prepared(AuthEvent event, Instant instant, OffsetDateTime time, String details) {
    }
}
