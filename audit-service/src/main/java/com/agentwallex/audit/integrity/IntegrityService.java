package com.agentwallex.audit.integrity;

import com.agentwallex.audit.verifier.EventChain;
import com.agentwallex.contract.problem.InvalidParameterException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Signs the chain heads that moved, and answers the integrity request from its parameters. Both run on
 * a thread that may block (the checkpoint job's, the resource's worker) and wait here for each statement
 * (ADR 24: the service waits, IntegrityRepository's statements answer Uni). Signing needs no transaction
 * (each checkpoint stands alone); an answer is read in one read-only snapshot.
 */
@ApplicationScoped
class IntegrityService {

    private static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(30);
    private static final Set<String> PARAMETERS = Set.of("from_seq", "to_seq", "links");

    private static final Logger LOG = Logger.getLogger(IntegrityService.class);

    private final Pool pool;
    private final IntegrityRepository repository;
    private final IntegrityConfig config;
    private final CheckpointKeys keys;
    private final Counter refused;

    IntegrityService(Pool pool, IntegrityRepository repository, IntegrityConfig config, CheckpointKeys keys,
                     MeterRegistry registry) {
        this.pool = pool;
        this.repository = repository;
        this.config = config;
        this.keys = keys;
        this.refused = Counter.builder("awx.audit.checkpoints.refused")
                .description("chain heads not signed because the chain no longer matches its last checkpoint")
                .register(registry);
    }

    /**
     * Signs every head that moved since its organization's last checkpoint; @return how many were signed.
     * A chain whose last signed event no longer has the signed hash was rewritten under the service (a
     * database user changed the log and recomputed its links): signing its head would vouch for the
     * rewrite, so it is refused, logged and counted, and its tenants' verifiers keep failing at the old
     * checkpoint.
     */
    int checkpoint() {
        int signed = 0;
        for (IntegrityRepository.MovedHead moved : await(repository.unsignedHeads())) {
            IntegrityRepository.Head head = moved.head();
            if (!moved.matchesLastCheckpoint()) {
                LOG.errorf("Not signing the audit chain of organization %s: its event at seq %d no longer has the hash"
                        + " signed there, so the log was changed under the service", head.orgId(), moved.signedSeq());
                refused.increment();
                continue;
            }
            Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
            String payload = Checkpoints.payload(head.orgId(), head.seq(), head.hash(), at);
            await(repository.insert(head.orgId(), new IntegrityRepository.Checkpoint(head.seq(), head.hash(), at,
                    keys.kid(), keys.sign(payload))));
            signed++;
        }
        return signed;
    }

    /** The organization's checkpoints and links for the request's {@code from_seq}, {@code to_seq} and {@code links}. */
    IntegrityAnswer answer(String orgId, Map<String, List<String>> params) {
        for (Map.Entry<String, List<String>> p : params.entrySet()) {
            if (!PARAMETERS.contains(p.getKey()) || p.getValue().size() > 1) {
                throw new InvalidParameterException(PARAMETERS.contains(p.getKey()) ? p.getKey() : "(unknown)",
                        "accepted once each: from_seq, to_seq, links");
            }
        }
        boolean links = links(params);
        SqlConnection conn = await(pool.getConnection());
        try {
            Transaction tx = await(conn.begin());
            try {
                // One snapshot for the head, the checkpoints and the links: read statement by statement, a
                // checkpoint signed in between could stand beyond the head the same answer gives.
                await(conn.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").execute());
                return answer(conn, orgId, params, links);
            } finally {
                await(tx.rollback().onFailure().recoverWithNull());
            }
        } finally {
            await(conn.close().onFailure().recoverWithNull());
        }
    }

    private IntegrityAnswer answer(SqlConnection conn, String orgId, Map<String, List<String>> params, boolean links) {
        Optional<IntegrityRepository.Head> head = await(repository.head(conn, orgId));
        long from = seq(params, "from_seq", 1);
        long to = seq(params, "to_seq", head.map(IntegrityRepository.Head::seq).orElse(0L));
        if (to < from && params.containsKey("to_seq")) {
            throw new InvalidParameterException("to_seq", "to_seq must not be before from_seq");
        }
        if (links && to - from + 1 > config.maxLinks()) {
            throw new InvalidParameterException("to_seq", "at most " + config.maxLinks()
                    + " links per answer: narrow from_seq..to_seq, or pass links=false for checkpoints only");
        }
        long last = head.map(h -> Math.min(to, h.seq())).orElse(to);
        long slice = 1;
        // at most one checkpoint a seq: only a range wider than the maximum can hold too many, worth a count
        if (last - from + 1 > config.maxCheckpoints()
                && await(repository.countCheckpoints(conn, orgId, from, to)) > config.maxCheckpoints()) {
            slice = (last - from) / config.maxCheckpoints() + 1;
        }
        return new IntegrityAnswer(orgId,
                head.map(h -> new IntegrityAnswer.Link(h.seq(), null, EventChain.hex(h.hash()))).orElse(null),
                await(repository.checkpoints(conn, orgId, from, to, slice)).stream().map(IntegrityService::checkpoint).toList(),
                await(repository.latestCheckpoint(conn, orgId)).map(IntegrityService::checkpoint).orElse(null),
                links ? await(repository.links(conn, orgId, from, to)).stream().map(l -> new IntegrityAnswer.Link(l.seq(),
                        EventChain.hex(l.prevHash()), EventChain.hex(l.hash()))).toList() : null,
                IntegrityResource.JWKS_PATH);
    }

    private static IntegrityAnswer.Checkpoint checkpoint(IntegrityRepository.Checkpoint c) {
        return new IntegrityAnswer.Checkpoint(c.seq(), EventChain.hex(c.hash()), c.signedAt(), c.kid(), c.jws());
    }

    private static long seq(Map<String, List<String>> params, String name, long otherwise) {
        List<String> values = params.get(name);
        if (values == null) {
            return otherwise;
        }
        try {
            long seq = Long.parseLong(values.get(0));
            if (seq >= 1) {
                return seq;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidParameterException(name, name + " must be a whole number, 1 or more");
    }

    private static boolean links(Map<String, List<String>> params) {
        List<String> values = params.get("links");
        if (values == null || values.get(0).equals("true")) {
            return true;
        }
        if (values.get(0).equals("false")) {
            return false;
        }
        throw new InvalidParameterException("links", "links must be true or false");
    }

    private static <T> T await(Uni<T> uni) {
        return uni.await().atMost(STATEMENT_TIMEOUT);
    }
}
