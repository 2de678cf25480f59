import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one table of bench/all: reads the metric-and-value files the benchmark scripts leave in
 * bench/results (*.tsv, and scale/*.tsv from runs at several data sizes), prints the table, and
 * writes summary.md and summary.svg (a bar per metric: its ratio, on a log axis, against its target).
 *
 *   java bench/Summary.java bench/results
 *
 * A single source file with no class path, so it runs wherever a JDK does, with nothing to build.
 * A figure whose file is missing shows as "–" and its row as "not run", never as a pass.
 */
public class Summary {

    /** How a row passes: its ratio at least, its ratio at most, or its own figure at most (absolute). */
    enum Kind { RATIO_MIN, RATIO_MAX, ABSOLUTE_MAX }

    record Row(String metric, Double ours, Double reference, String referenceName, Kind kind, double target,
               String unit) {

        Double ratio() {
            return ours == null || reference == null || reference == 0 ? null : ours / reference;
        }

        /** What the chart draws and the verdict judges: the ratio, or the figure against its limit. */
        Double judged() {
            return kind == Kind.ABSOLUTE_MAX ? (ours == null ? null : ours / target) : ratio();
        }

        double judgedTarget() {
            return kind == Kind.ABSOLUTE_MAX ? 1 : target;
        }

        String verdict() {
            Double j = judged();
            if (j == null) {
                return "not run";
            }
            return (kind == Kind.RATIO_MIN ? j >= judgedTarget() : j <= judgedTarget()) ? "PASS" : "FAIL";
        }

        String targetText() {
            return switch (kind) {
                case RATIO_MIN -> "≥ " + num(target) + "×";
                case RATIO_MAX -> "≤ " + num(target) + "×";
                case ABSOLUTE_MAX -> "≤ " + num(target) + " " + unit;
            };
        }
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "bench/results");
        Map<String, Instant> when = new TreeMap<>();
        Map<String, Map<String, String>> runs = readRuns(dir, when);
        Map<String, String> auth = runs.get("auth-tokens");
        Map<String, String> apikey = runs.get("apikey-verify");
        Map<String, String> audit = runs.get("audit-ingest");
        Map<String, String> kc = runs.get("keycloak");

        List<Row> throughput = throughputRows(runs);
        List<Row> rows = new ArrayList<>(throughput);
        Map<String, Map<String, String>> services = new LinkedHashMap<>();
        services.put("auth-service", auth);
        services.put("apikey-service", apikey);
        services.put("audit-service", audit);
        Map<String, String> startup = runs.get("startup");
        // bench/startup (ADR 18): with each service's AOT cache against the 1.0 s target, and the plain JVM beside it.
        services.forEach((service, run) -> {
            String key = service.substring(0, service.indexOf('-'));
            rows.add(new Row(service + " start-up with its AOT cache (launch → ready), s",
                    get(startup, key + "_startup_aot_s"), get(kc, "startup_s"), "Keycloak", Kind.ABSOLUTE_MAX, 1.0, "s"));
            Double plain = get(startup, key + "_startup_jvm_s");
            rows.add(new Row(service + " start-up without a cache (JVM, launch → ready), s",
                    plain != null ? plain : get(run, "startup_s"), get(kc, "startup_s"), "Keycloak", Kind.ABSOLUTE_MAX, 1.5, "s"));
        });
        // What a Quarkus JVM service with nothing of its own needs here: the part of the target no service code can win back.
        Double floorWithCache = get(startup, "baseline_startup_aot_s");
        rows.add(new Row("start-up floor: trivial Quarkus endpoint with its AOT cache (launch → ready), s",
                floorWithCache, get(kc, "startup_s"), "Keycloak", Kind.ABSOLUTE_MAX, 1.0, "s"));
        rows.add(new Row("start-up floor: trivial Quarkus endpoint (JVM, launch → ready), s",
                get(apikey, "baseline_startup_s"), get(kc, "startup_s"), "Keycloak", Kind.ABSOLUTE_MAX, 1.5, "s"));
        services.forEach((service, run) -> rows.add(new Row(service + " RSS under load, MB", get(run, "rss_mb"),
                get(kc, "rss_mb"), "Keycloak", Kind.ABSOLUTE_MAX, RSS_LIMIT_MB, "MB")));
        // Filling the verify cache from PostgreSQL is load too, and the heaviest on memory: judged on its peak.
        rows.add(new Row("apikey-service peak RSS, filling its cache from PostgreSQL, MB", get(apikey, "peak_rss_mb"),
                get(kc, "peak_rss_mb"), "Keycloak peak", Kind.ABSOLUTE_MAX, RSS_LIMIT_MB, "MB"));

        StringBuilder md = new StringBuilder();
        md.append("| metric | ours | peer or ceiling | ratio | target | result |\n|---|---:|---:|---:|---|---|\n");
        for (Row r : rows) {
            md.append("| ").append(r.metric()).append(" | ").append(fmt(r.ours())).append(" | ")
                    .append(fmt(r.reference())).append(" (").append(r.referenceName()).append(") | ")
                    .append(ratio(r.ratio())).append(" | ")
                    .append(r.targetText()).append(" | ").append(r.verdict()).append(" |\n");
        }
        List<String> notes = notes(auth, apikey, kc);
        String scale = scaleTable(dir.resolve("scale"));
        String java17 = java17Table(throughput, dir);

        System.out.println();
        System.out.print(md);
        notes.forEach(n -> System.out.println("note: " + n));
        if (!scale.isEmpty()) {
            System.out.println();
            System.out.print(scale);
        }
        if (!java17.isEmpty()) {
            System.out.println();
            System.out.print(java17);
        }

        StringBuilder doc = new StringBuilder("# All benchmarks side by side\n\n");
        doc.append("Written ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append(" by `bench/all` from ");
        List<String> sources = new ArrayList<>();
        when.forEach((name, at) -> sources.add("`" + name + ".tsv` (" + at + ")"));
        doc.append(sources.isEmpty() ? "no results" : String.join(", ", sources)).append(". ")
                .append("Ratio is ours ÷ peer or ceiling; the start-up and RSS rows are judged on our own figure, ")
                .append("Keycloak's is there for scale.\n\n![ratio against target per metric](summary.svg)\n\n")
                .append(md);
        if (!notes.isEmpty()) {
            doc.append('\n');
            notes.forEach(n -> doc.append("- ").append(n).append('\n'));
        }
        if (!scale.isEmpty()) {
            doc.append("\n## How figures scale with the data\n\n").append(scale);
        }
        if (!java17.isEmpty()) {
            doc.append("\n## Throughput ratios against the Java 17 run\n\n")
                    .append("The same ratios in `bench/all` of 2026-12-01 on Java 17 (`results/").append(JAVA17_RUN)
                    .append("/`, the files of commit f18eb5a). That run's ingest stored events without the hash chain ")
                    .append("(issue 21 came after it) against a ceiling of unchained rows, so its ingest row compares ")
                    .append("different work.\n\n").append(java17);
        }
        Files.writeString(dir.resolve("summary.md"), doc, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("summary.svg"), svg(rows), StandardCharsets.UTF_8);
    }

    /** Issue 24's limit for every service under load (it was 300 MB on Java 17). */
    static final double RSS_LIMIT_MB = 250;

    /** The Java 17 run that issue 24 compares with: bench/all of 2026-12-01 (f18eb5a), its files as they were. */
    static final String JAVA17_RUN = "java17";

    static Map<String, Map<String, String>> readRuns(Path dir, Map<String, Instant> when) throws IOException {
        Map<String, Map<String, String>> runs = new TreeMap<>();
        for (String name : List.of("auth-tokens", "apikey-verify", "audit-ingest", "request-auth", "keycloak", "startup")) {
            Path file = dir.resolve(name + ".tsv");
            runs.put(name, read(file));
            if (when != null && Files.exists(file)) {
                when.put(name, Files.getLastModifiedTime(file).toInstant().truncatedTo(ChronoUnit.SECONDS));
            }
        }
        return runs;
    }

    /** The rows judged as a ratio to a peer or a ceiling measured in the same run. */
    static List<Row> throughputRows(Map<String, Map<String, String>> runs) {
        Map<String, String> auth = runs.get("auth-tokens");
        Map<String, String> apikey = runs.get("apikey-verify");
        Map<String, String> audit = runs.get("audit-ingest");
        Map<String, String> jwt = runs.get("request-auth");
        Map<String, String> kc = runs.get("keycloak");
        return List.of(
                new Row("refresh with rotation, req/s", get(auth, "refresh_rps"), get(kc, "refresh_rps"),
                        "Keycloak refresh_token grant", Kind.RATIO_MIN, 2, ""),
                new Row("key verify vs token introspection, req/s", get(apikey, "verify_rps"),
                        get(kc, "introspect_rps"), "Keycloak introspection", Kind.RATIO_MIN, 5, ""),
                new Row("key verify vs HTTP ceiling, req/s", get(apikey, "verify_rps"), get(apikey, "baseline_rps"),
                        "trivial Quarkus endpoint", Kind.RATIO_MIN, 0.6, ""),
                new Row("audit ingest, draining a backlog, vs INSERT ceiling, events/s", get(audit, "drain_eps"),
                        get(audit, "ceiling_rps"), "plain batched INSERT", Kind.RATIO_MIN, 0.8, ""),
                new Row("Bearer token check vs JWT ceiling, µs", get(jwt, "bearer_us"), get(jwt, "raw_es256_us"),
                        "one raw ES256 verification", Kind.RATIO_MAX, 1.5, ""));
    }

    /**
     * Issue 24: each throughput ratio of this run beside the Java 17 run's (results/java17). Ratios, not
     * figures, because the machine's speed changes from day to day; "as good" is the same direction as
     * the row's target.
     */
    static String java17Table(List<Row> now, Path dir) throws IOException {
        Path old = dir.resolve(JAVA17_RUN);
        if (!Files.isDirectory(old)) {
            return "";
        }
        List<Row> then = throughputRows(readRuns(old, null));
        StringBuilder t = new StringBuilder("| ratio | this run | Java 17 run | at least as good |\n|---|---:|---:|---|\n");
        for (int i = 0; i < now.size(); i++) {
            Row a = now.get(i);
            Row b = then.get(i);
            String verdict = a.ratio() == null || b.ratio() == null ? "not run"
                    : (a.kind() == Kind.RATIO_MIN ? a.ratio() >= b.ratio() : a.ratio() <= b.ratio()) ? "yes" : "no";
            t.append("| ").append(a.metric()).append(" | ").append(ratio(a.ratio())).append(" | ")
                    .append(ratio(b.ratio())).append(" | ").append(verdict).append(" |\n");
        }
        return t.toString();
    }

    /** Figures that make a row's ratio meaningless if they are not zero. */
    static List<String> notes(Map<String, String> auth, Map<String, String> apikey, Map<String, String> kc) {
        List<String> notes = new ArrayList<>();
        nonZero(notes, auth, "refresh_errors", "our refresh run had %s failed requests");
        nonZero(notes, apikey, "verify_errors", "our verify run had %s failed requests");
        nonZero(notes, kc, "refresh_errors", "Keycloak's refresh run had %s failed requests");
        nonZero(notes, kc, "refresh_logins", "%s of Keycloak's refresh chains broke and restarted with a login");
        nonZero(notes, kc, "introspect_inactive", "Keycloak answered %s introspections with active=false or an error");
        Double floor = get(apikey, "baseline_startup_s");
        if (floor != null && floor > 1.5) {
            notes.add("on this machine a trivial Quarkus endpoint alone needs " + fmt(floor)
                    + " s from launch to ready: the 1.5 s start-up target is below the floor of JVM mode here");
        }
        String noise = apikey.get("noise");
        if (noise != null && !noise.equals("none")) {
            notes.add("other processes were busy during the verify run(s):" + noise);
        }
        String ours = auth.get("connections");
        String theirs = kc.get("connections");
        if (ours != null && theirs != null && (!ours.equals(theirs)
                || !auth.getOrDefault("duration_s", "").equals(kc.getOrDefault("duration_s", "")))) {
            notes.add("our refresh ran " + auth.get("duration_s") + " s with " + ours + " connections, Keycloak "
                    + kc.get("duration_s") + " s with " + theirs + ": not the same load");
        }
        return notes;
    }

    static void nonZero(List<String> notes, Map<String, String> run, String key, String text) {
        Double v = get(run, key);
        if (v != null && v != 0) {
            notes.add(String.format(text, fmt(v)));
        }
    }

    /** scale/<script>-<N>x.tsv: one file per data size; the growth column is the largest against 1×. */
    static String scaleTable(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return "";
        }
        Map<String, Map<Integer, Map<String, String>>> byScript = new TreeMap<>();
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                var m = java.util.regex.Pattern.compile("(.+)-(\\d+)x\\.tsv").matcher(f.getFileName().toString());
                if (m.matches()) {
                    byScript.computeIfAbsent(m.group(1), k -> new TreeMap<>()).put(Integer.parseInt(m.group(2)), read(f));
                }
            }
        }
        String[][] metrics = {
            {"apikey-verify", "duration_s", "verify runs, s each (after warm-up)"},
            {"apikey-verify", "keys_stored", "keys stored"},
            {"apikey-verify", "verify_rps", "verify, warm cache, req/s"},
            {"apikey-verify", "cold_rps", "verify, cache miss → PostgreSQL, req/s"},
            {"apikey-verify", "cold_p99_ms", "verify, cache miss p99 ms"},
            {"apikey-verify", "noise", "verify runs where other processes took the CPU"},
            {"audit-ingest", "stored_before", "events stored before the ingest"},
            {"audit-ingest", "drain_eps", "audit ingest draining a backlog, events/s"},
            {"audit-ingest", "ingest_eps", "audit ingest while publishing, events/s"},
            {"audit-ingest", "ceiling_rps", "INSERT ceiling, rows/s"},
            {"audit-ingest", "drain_over_ceiling", "drain / ceiling"},
        };
        java.util.SortedSet<Integer> factors = new java.util.TreeSet<>();
        byScript.values().forEach(m -> factors.addAll(m.keySet()));
        if (factors.isEmpty()) {
            return "";
        }
        StringBuilder t = new StringBuilder("| metric |");
        factors.forEach(f -> t.append(' ').append(f).append("× |"));
        t.append(" largest ÷ 1× |\n|---|");
        factors.forEach(f -> t.append("---:|"));
        t.append("---:|\n");
        for (String[] m : metrics) {
            Map<Integer, Map<String, String>> runs = byScript.get(m[0]);
            // A metric no scale run has measured yet (older runs predate it) gets no row of dashes.
            if (runs == null || runs.values().stream().allMatch(run -> run.get(m[1]) == null)) {
                continue;
            }
            t.append("| ").append(m[2]).append(" |");
            for (int f : factors) {
                Map<String, String> run = runs.get(f);
                String text = run == null ? null : run.get(m[1]);
                // Text figures (which runs were disturbed) as they are; numbers formatted.
                t.append(' ').append(get(run, m[1]) != null || text == null ? fmt(get(run, m[1])) : text.strip())
                        .append(" |");
            }
            Double first = get(runs.get(1), m[1]);
            Double last = get(runs.get(factors.last()), m[1]);
            t.append(' ').append(first == null || last == null || first == 0 ? "–" : ratio(last / first)).append(" |\n");
        }
        return t.toString();
    }

    /** A row per metric: the bar is the judged ratio on a log axis (0.1 to 100), the tick its target. */
    static String svg(List<Row> rows) {
        int labelWidth = 330, plotWidth = 400, textWidth = 260, rowHeight = 30, top = 50;
        int width = labelWidth + plotWidth + textWidth, height = top + rows.size() * rowHeight + 40;
        double min = 0.1, max = 100;
        java.util.function.DoubleFunction<Double> x = v -> labelWidth
                + plotWidth * (Math.log10(Math.max(min, Math.min(max, v))) - Math.log10(min)) / (Math.log10(max) - Math.log10(min));
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">\n", width, height));
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        s.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"22\" font-size=\"15\" font-weight=\"bold\">"
                + "Ours against peer or ceiling: ratio (bar) and target (tick), log scale</text>\n"));
        s.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"40\" fill=\"#555\">Start-up and RSS rows: our figure "
                + "÷ its limit (tick at 1). Green passes, red fails, grey was not run.</text>\n"));
        for (double g : new double[] {0.1, 0.3, 1, 3, 10, 30, 100}) {
            double gx = x.apply(g);
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>\n",
                    gx, top - 4, gx, top + rows.size() * rowHeight));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#555\">%s×</text>\n",
                    gx, top + rows.size() * rowHeight + 16, num(g)));
        }
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            int y = top + i * rowHeight;
            Double v = r.judged();
            String colour = v == null ? "#bbb" : r.verdict().equals("PASS") ? "#2e8b57" : "#c0392b";
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>\n",
                    labelWidth - 8, y + 19, escape(r.metric())));
            if (v != null) {
                s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"18\" fill=\"%s\"/>\n",
                        labelWidth, y + 6, Math.max(1, x.apply(v) - labelWidth), colour));
            }
            double tx = x.apply(r.judgedTarget());
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"black\" "
                    + "stroke-width=\"2\"/>\n", tx, y + 2, tx, y + 28));
            String text = v == null ? "not run"
                    : r.kind() == Kind.ABSOLUTE_MAX ? fmt(r.ours()) + " " + r.unit() + ", limit " + r.targetText()
                    : ratio(r.ratio()) + "×, target " + r.targetText();
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\">%s %s</text>\n",
                    labelWidth + plotWidth + 10, y + 19, colour, escape(text), v == null ? "" : r.verdict()));
        }
        return s.append("</svg>\n").toString();
    }

    static Map<String, String> read(Path file) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] kv = line.split("\t", 2);
                if (kv.length == 2) {
                    values.put(kv[0], kv[1]);
                }
            }
        }
        return values;
    }

    static Double get(Map<String, String> run, String key) {
        if (run == null || run.get(key) == null) {
            return null;
        }
        try {
            return Double.parseDouble(run.get(key).replace(",", ""));
        } catch (NumberFormatException e) {
            return null;  // "?" where a script could not read a figure
        }
    }

    static String fmt(Double v) {
        if (v == null) {
            return "–";
        }
        return v >= 100 || v == Math.rint(v) ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    /** Three decimals below 10, so a ratio just short of its target never prints as the target. */
    static String ratio(Double v) {
        return v == null ? "–" : String.format(Locale.ROOT, v < 10 ? "%.3f" : "%.1f", v);
    }

    static String num(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
