package com.agentwallex.bench.audit;

import com.agentwallex.bench.BenchKafka;
import com.agentwallex.common.events.AuthEventPublisher;
import com.agentwallex.common.kafka.KafkaClients;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The audit benchmark, driven by bench/audit-ingest (which starts audit-service). Modes:
 * {@code prepare} makes the JWKS and the run's topic; {@code run} publishes N events, waits until all
 * are stored, then has the service drain a backlog of N more, measures the plain-INSERT ceiling, exports, fills the table to {@code query-stored} events (1,000,000 by default; 0 skips) and times API pages,
 * then prints and writes the results table; {@code drop} deletes the run's topic and consumer group.
 * Arguments are key=value pairs, as the script passes them; optional: {@code stored} (older events put
 * in the table before the timed ingest) and {@code tsv} (a metric-and-value file for bench/all).
 */
public final class AuditIngestBench {

    private static final int INGEST_ORGS = 10;
    private static final String BATCHES = "batches";

    private AuditIngestBench() {
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (int i = 1; i < argv.length; i++) {
            String[] kv = argv[i].split("=", 2);
            a.put(kv[0], kv[1]);
        }
        String mode = argv.length == 0 ? "" : argv[0];
        switch (mode) {
            case "prepare" -> {
                QueryLatency.generateKeys(Path.of(a.get("dir")));
                try (Admin admin = admin(a)) {
                    admin.createTopics(List.of(new NewTopic(a.get("topic"), 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
                }
            }
            case "drop" -> {
                try (Admin admin = admin(a)) {
                    admin.deleteConsumerGroups(List.of(a.get("group"))).all().get(30, TimeUnit.SECONDS);
                    admin.deleteTopics(List.of(a.get("topic"))).all().get(30, TimeUnit.SECONDS);
                }
            }
            case "run" -> run(a);
            default -> throw new IllegalArgumentException("usage: prepare|run|drop key=value...");
        }
    }

    private static void run(Map<String, String> a) throws Exception {
        int n = Integer.parseInt(a.get("n"));
        int batch = Integer.parseInt(a.get("batch"));
        int warmup = Integer.parseInt(a.get("warmup"));
        int filler = Integer.parseInt(a.getOrDefault("stored", "0"));
        String service = a.get("service");
        StringBuilder table = new StringBuilder("| metric | measured | target | result |\n|---|---:|---|---|\n");
        try (Connection db = DriverManager.getConnection(a.get("jdbc") + "?reWriteBatchedInserts=true", "postgres", "")) {
            awaitAssignment(a);
            // (a) Ingest: publish as fast as the producer goes, then wait for the last row.
            Instant firstSend;
            double[] before;
            try (Producer<String, byte[]> producer = producer(a)) {
                AuthEventPublisher publisher = new AuthEventPublisher(producer, a.get("topic"));
                // Warm-up: both JVMs compile their hot paths on these events, which are then removed,
                // so the timed run sees a long-running service rather than its first seconds.
                log("warm-up: %,d events", warmup);
                publish(publisher, producer, warmup);
                awaitStored(db, warmup);
                try (Statement st = db.createStatement()) {
                    st.execute("TRUNCATE audit_event");
                }
                if (filler > 0) {
                    log("filling audit_event with %,d older events", filler);
                    QueryLatency.fill(db, filler);
                }
                before = batchTotals(service);
                log("publishing %,d events to %s", n, a.get("topic"));
                firstSend = Instant.now();
                publish(publisher, producer, n);
            }
            double publishRate = n / seconds(firstSend, Instant.now());
            log("published at %,.0f events/s; waiting until all are stored", publishRate);
            // The run's events are the ones stamped since the first send; older filler rows are not.
            Instant since = filler > 0 ? firstSend.minusMillis(1) : null;
            awaitStored(db, n, since);
            double[] after = batchTotals(service);
            double[] ingest;  // events/s from first send, events/s from first stored, lag p50 ms, lag p99 ms
            try (PreparedStatement ps = db.prepareStatement("""
                    SELECT min(stored_at), max(stored_at),
                           percentile_cont(0.5) WITHIN GROUP (ORDER BY lag_ms),
                           percentile_cont(0.99) WITHIN GROUP (ORDER BY lag_ms)
                    FROM (SELECT stored_at, extract(epoch FROM stored_at - occurred_at) * 1000 AS lag_ms
                          FROM audit_event WHERE occurred_at >= ?) e""")) {
                ps.setTimestamp(1, Timestamp.from(since == null ? Instant.EPOCH : since));
                ResultSet rs = ps.executeQuery();
                rs.next();
                Instant lastStored = rs.getTimestamp(2).toInstant();
                ingest = new double[] {n / seconds(firstSend, lastStored),
                    n / seconds(rs.getTimestamp(1).toInstant(), lastStored), rs.getDouble(3), rs.getDouble(4)};
            }
            // (b) Drain: the service alone, as the ceiling is measured alone. Its inserts wait on a
            // table lock while a backlog of N events is published; the clock starts at the release.
            double drain;
            Map<String, Double> drainPhases;
            try (Producer<String, byte[]> producer = producer(a);
                 Connection lock = DriverManager.getConnection(a.get("jdbc"), "postgres", "")) {
                AuthEventPublisher publisher = new AuthEventPublisher(producer, a.get("topic"));
                lock.setAutoCommit(false);
                try (Statement st = lock.createStatement()) {
                    st.execute("LOCK TABLE audit_event IN EXCLUSIVE MODE");
                }
                Instant backlogStart = Instant.now();
                log("drain: %,d events published while audit_event is locked", n);
                publish(publisher, producer, n);
                Instant released = Instant.now();
                lock.commit();
                // The batches that waited on the lock have gone through once a tenth is stored: their
                // wait stays out of the phases below.
                awaitStored(db, n / 10, backlogStart);
                Map<String, double[]> phasesBefore = phaseTotals(a.get("service"));
                awaitStored(db, n, backlogStart);
                drain = drainRate(db, backlogStart, released);
                drainPhases = perBatch(phasesBefore, phaseTotals(a.get("service")));
            }
            // (c) Ceiling: the same rows as plain batched INSERTs on one connection.
            log("ceiling: %,d rows as plain JDBC batches of %d, with and without the chain columns", n, batch);
            double ceiling = CeilingInsert.run(db, n, batch, INGEST_ORGS, true);
            double unchainedCeiling = CeilingInsert.run(db, n, batch, INGEST_ORGS, false);
            double rate = ingest[0];
            double batches = after[1] - before[1];
            line(table, "ingest events/s, draining a backlog (service alone, as the ceiling)", "%,.0f", drain,
                    "≥ 20,000", drain >= 20_000);
            line(table, "drain / ceiling", "%.0f %%", 100 * drain / ceiling, "≥ 80 %", drain >= 0.8 * ceiling);
            line(table, "ceiling rows/s (plain JDBC batches of " + batch + ", the rows the service stores)", "%,.0f",
                    ceiling, "info", null);
            line(table, "ceiling rows/s without the chain columns (seq, prev_hash, hash NULL)", "%,.0f",
                    unchainedCeiling, "info", null);
            line(table, "drain / that ceiling", "%.0f %%", 100 * drain / unchainedCeiling, "info", null);
            line(table, "ingest events/s while the load generator publishes (first send → last stored)", "%,.0f",
                    rate, "info", null);
            line(table, "the same / ceiling", "%.0f %%", 100 * rate / ceiling, "info", null);
            line(table, "ingest events/s (first → last stored)", "%,.0f", ingest[1], "info", null);
            line(table, "publish events/s (load generator)", "%,.0f", publishRate, "info", null);
            line(table, "lag p50 ms (stored_at − occurred_at)", "%,.0f", ingest[2], "info", null);
            line(table, "lag p99 ms", "%,.0f", ingest[3], "info", null);
            line(table, "service: mean records per batch", "%,.0f", (after[0] - before[0]) / batches, "info", null);
            line(table, "service: mean ms per batch (poll → commit)", "%.1f", 1000 * (after[2] - before[2]) / batches,
                    "info", null);
            drainPhases.forEach((phase, ms) -> line(table, phase.equals(BATCHES) ? "service, draining: batches timed (after the first tenth)"
                    : "service, draining: mean ms per batch in " + phase, "%.1f", ms, "info", null));
            line(table, "events stored before the timed ingest", "%,.0f", (double) filler, "info", null);
            // (c) Export (issue 21): every ingest organization's chained log, streamed as NDJSON over HTTP.
            log("exporting the %d organizations' chains", INGEST_ORGS);
            double exportRate = QueryLatency.exportRate(service, QueryLatency.privateKey(Path.of(a.get("dir"))), INGEST_ORGS);
            line(table, "export events/s (NDJSON over HTTP, " + INGEST_ORGS + " organizations in turn)", "%,.0f",
                    exportRate, "≥ 50,000", exportRate >= 50_000);
            // (d) Query latency with the table filled to query-stored events (issue 21: p95 ≤ 20 ms at 10M).
            // -q 0 skips it: the run's own events are minutes old and of 10 organizations, so the pages
            // (100 organizations, windows ending up to 24 days ago) would come back empty.
            long queryStored = Long.parseLong(a.getOrDefault("query-stored", "1000000"));
            QueryLatency.Result q = null;
            long stored = 0;
            if (queryStored > 0) {
                log("filling audit_event to %,d events", queryStored);
                stored = QueryLatency.fill(db, queryStored);
                log("%,d events stored; timing API pages", stored);
                q = QueryLatency.run(service, QueryLatency.privateKey(Path.of(a.get("dir"))), 200, 2000);
                boolean real = q.emptyShare() <= QueryLatency.MAX_EMPTY_SHARE;
                line(table, "query p50 ms (" + q.requests() + " pages of 50, " + stored / 1000 + "k events)", "%.1f",
                        q.p50(), "info", null);
                line(table, "query p95 ms" + (real ? "" : " (too many pages empty: not a figure)"), "%.1f", q.p95(),
                        "≤ 20", real && q.p95() <= 20);
                line(table, "query p99 ms", "%.1f", q.p99(), "info", null);
                line(table, "query pages that came back empty", "%.0f", q.empty(),
                        "≤ " + Math.round(QueryLatency.MAX_EMPTY_SHARE * 100) + " %", real);
                line(table, "query events per page (mean)", "%.1f", (double) q.events() / q.requests(), "info", null);
            } else {
                table.append("| query latency | not measured (-q 0) |  |  |\n");
            }
            if (a.containsKey("tsv")) {
                Files.writeString(Path.of(a.get("tsv")), String.format(Locale.ROOT,
                        "drain_eps\t%.0f%ndrain_over_ceiling\t%.3f%ningest_eps\t%.0f%nceiling_rps\t%.0f%n"
                        + "ingest_over_ceiling\t%.3f%npublish_eps\t%.0f%nlag_p50_ms\t%.0f%nlag_p99_ms\t%.0f%n"
                        + "stored_before\t%d%nexport_eps\t%.0f%nceiling_unchained_rps\t%.0f%n",
                        drain, drain / ceiling, rate, ceiling, rate / ceiling, publishRate, ingest[2], ingest[3], filler,
                        exportRate, unchainedCeiling)
                        // Only a figure of real pages goes to bench/all's summary.
                        + (q == null || q.emptyShare() > QueryLatency.MAX_EMPTY_SHARE ? ""
                        : String.format(Locale.ROOT, "query_p95_ms\t%.1f%nquery_stored\t%d%n", q.p95(), stored)));
            }
        }
        System.out.printf("%n%s", table);
        Files.writeString(Path.of(a.get("out")), "# Audit benchmark\n\nRun " + Instant.now().truncatedTo(ChronoUnit.SECONDS)
                + " with `" + a.get("command") + "` at " + a.get("revision") + ": N = " + n + " events after a "
                + warmup + "-event warm-up, service max batch " + batch + ", extra service options: "
                + a.get("service-opts") + "; " + a.get("machine") + ". Kafka, PostgreSQL, audit-service and the"
                + " load generator share the machine.\n\n" + table);
    }

    private static void line(StringBuilder table, String metric, String format, double value, String target,
                             Boolean pass) {
        table.append("| ").append(metric).append(" | ").append(String.format(format, value)).append(" | ")
                .append(target).append(" | ").append(pass == null ? "" : pass ? "PASS" : "MISS").append(" |\n");
    }

    private static void publish(AuthEventPublisher publisher, Producer<String, byte[]> producer, int count) {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int i = 0; i < count; i++) {
            publisher.publish(SampleEvents.event(i, INGEST_ORGS)).whenComplete((m, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, e);
                }
            });
        }
        producer.flush();
        if (failure.get() != null) {
            throw new IllegalStateException("publishing failed", failure.get());
        }
    }

    /** The relays' settings (acks=all, idempotent, lz4); only the batch size is the load generator's own. */
    private static Producer<String, byte[]> producer(Map<String, String> a) {
        Map<String, Object> tuning = new HashMap<>(AuthEventPublisher.TUNING);
        tuning.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.parseInt(a.get("producer-batch-bytes")));
        return kafka(a).reliableProducer("audit-bench", tuning);
    }

    /** The broker as the stack's administrator reaches it (the bench reads and writes any topic). */
    private static KafkaClients kafka(Map<String, String> a) {
        return BenchKafka.clients(a.get("bootstrap"));
    }

    /** Waits until the service's consumer owns all 3 partitions, so no group join is timed. */
    private static void awaitAssignment(Map<String, String> a) throws Exception {
        String group = a.get("group");
        try (Admin admin = admin(a)) {
            for (int i = 0; i < 120; i++) {
                try {
                    int owned = admin.describeConsumerGroups(List.of(group)).all().get(10, TimeUnit.SECONDS).get(group)
                            .members().stream().mapToInt(m -> m.assignment().topicPartitions().size()).sum();
                    if (owned == 3) {
                        return;
                    }
                } catch (java.util.concurrent.ExecutionException e) {
                    // Kafka 4 answers "not found" until the service's consumer has joined: keep waiting.
                    if (!(e.getCause() instanceof org.apache.kafka.common.errors.GroupIdNotFoundException)) {
                        throw e;
                    }
                }
                Thread.sleep(500);
            }
        }
        throw new IllegalStateException("consumer group " + group + " never got the topic's partitions");
    }

    private static void awaitStored(Connection db, int n) throws Exception {
        awaitStored(db, n, null);
    }

    /** Until {@code n} events stamped at or after {@code since} are stored (null: any events). */
    private static void awaitStored(Connection db, int n, Instant since) throws Exception {
        long last = -1;
        long progressAt = System.nanoTime();
        for (long count = countSince(db, since); count < n; count = countSince(db, since)) {
            if (count != last) {
                last = count;
                progressAt = System.nanoTime();
            } else if (System.nanoTime() - progressAt > TimeUnit.SECONDS.toNanos(60)) {
                throw new IllegalStateException("ingest stalled at " + count + " of " + n + " events");
            }
            Thread.sleep(500);
        }
    }

    /**
     * Through the (org_id, occurred_at) index over the run's organizations, so polling costs the run's
     * rows, not the filler's: a scan of a filled table twice a second would slow the ingest it waits for.
     */
    private static long countSince(Connection db, Instant since) throws SQLException {
        if (since == null) {
            return QueryLatency.count(db);
        }
        String[] orgs = new String[INGEST_ORGS];
        for (int i = 0; i < orgs.length; i++) {
            orgs[i] = SampleEvents.org(i);
        }
        try (PreparedStatement ps = db.prepareStatement(
                "SELECT count(*) FROM audit_event WHERE org_id = ANY(?) AND occurred_at >= ?")) {
            ps.setArray(1, db.createArrayOf("text", orgs));
            ps.setTimestamp(2, Timestamp.from(since));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Events per second from the lock's release to the last row stored (stored_at is the row's own
     * clock_timestamp()). The batches the consumers had already read when the lock was taken, at
     * most two of max-batch events, were decoded before the clock started: under 2 % of N.
     */
    private static double drainRate(Connection db, Instant backlogStart, Instant released) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(
                "SELECT count(*), max(stored_at) FROM audit_event WHERE occurred_at >= ?")) {
            ps.setTimestamp(1, Timestamp.from(backlogStart));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) / seconds(released, rs.getTimestamp(2).toInstant());
            }
        }
    }

    /** Records, batches and seconds spent in batches so far, from the service's own /q/metrics. */
    private static double[] batchTotals(String service) throws Exception {
        String text = scrape(service);
        double[] totals = new double[3];
        String[] names = {"awx_audit_batch_size_sum", "awx_audit_batch_size_count", "awx_audit_batch_latency_seconds_sum"};
        for (String l : text.lines().toList()) {
            for (int i = 0; i < names.length; i++) {
                if (l.startsWith(names[i] + " ") || l.startsWith(names[i] + "{")) {
                    totals[i] += Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1));
                }
            }
        }
        return totals;
    }

    private static String scrape(String service) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(service + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Each batch phase's seconds and count so far (awx.audit.batch.phase), from the service's /q/metrics. */
    private static Map<String, double[]> phaseTotals(String service) throws Exception {
        String text = scrape(service);
        Map<String, double[]> totals = new LinkedHashMap<>();
        Matcher m = Pattern.compile("^awx_audit_batch_phase_seconds_(sum|count)\\{.*phase=\"(\\w+)\".*} (\\S+)$",
                Pattern.MULTILINE).matcher(text);
        while (m.find()) {
            totals.computeIfAbsent(m.group(2), k -> new double[2])[m.group(1).equals("sum") ? 0 : 1] +=
                    Double.parseDouble(m.group(3));
        }
        return totals;
    }

    /** Mean ms per batch of each phase between two snapshots; "poll" runs once per batch, so it counts them. */
    private static Map<String, Double> perBatch(Map<String, double[]> before, Map<String, double[]> after) {
        double[] none = {0, 0};
        double batches = after.getOrDefault("poll", none)[1] - before.getOrDefault("poll", none)[1];
        Map<String, Double> ms = new LinkedHashMap<>();
        after.forEach((phase, t) -> ms.put(phase, 1000 * (t[0] - before.getOrDefault(phase, none)[0]) / Math.max(1, batches)));
        ms.put(BATCHES, batches);
        return ms;
    }

    private static Admin admin(Map<String, String> a) {
        return kafka(a).admin("audit-bench", Map.of());
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }

    private static void log(String format, Object... args) {
        System.out.printf("bench: " + LocalTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS) + " " + format + "%n", args);
    }
}
