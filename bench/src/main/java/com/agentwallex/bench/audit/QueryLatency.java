package com.agentwallex.bench.audit;

import com.agentwallex.common.crypto.P256;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import java.util.UUID;

/**
 * The API side: stands in for auth-service's signing key (a fresh ES256 key per run, its public half
 * the JWKS file audit-service trusts), fills audit_event to the target size, and times sequential
 * page reads with access tokens as auth-service issues them.
 */
final class QueryLatency {

    static final String KID = "bench-key-1";

    static final int ORGS = 100;
    /**
     * Rows as ingest stores them: org_00 is the busy tenant (30% of the bulk rows, so its pages come from
     * a deep index range), and every row is chained like a stored one: seq numbered on from its
     * organization's head in event-time order, 32-byte prev_hash and hash (stand-ins, not a verifiable
     * chain), the class and retained_at the head gives, and the head moved to the last row, so that the
     * service's next events follow them and the pages carry the chain fields the API returns.
     */
    private static final String BULK_INSERT = """
            WITH fresh AS (
                SELECT g, t, CASE WHEN g % 10 < 3 THEN 'org_00' ELSE 'org_' || lpad((g / 10 % 100)::text, 2, '0') END AS org
                FROM (SELECT g, now() - random() * interval '25 days' AS t FROM generate_series(1, ?) g) s),
            numbered AS (
                SELECT f.g, f.t, f.org, coalesce(h.seq, 0) + row_number() OVER (PARTITION BY f.org ORDER BY f.t, f.g) AS seq,
                       coalesce(h.retention_class, 'free') AS class, greatest(h.retained_at, f.t) AS retained_at
                FROM fresh f LEFT JOIN audit_chain_head h ON h.org_id = f.org),
            stored AS (
                INSERT INTO audit_event (event_id, occurred_at, org_id, type, source, subject, actor_type, actor_id,
                                         outcome, reason, client_ip, user_agent, request_id, resource_type,
                                         resource_id, details, traceparent, seq, prev_hash, hash, retention_class,
                                         retained_at)
                SELECT gen_random_uuid(), t, org,
                       (ARRAY['auth.login.succeeded','auth.token.refreshed','api_key.used','auth.login.failed'])[1 + g % 4],
                       ?, 'usr_' || g % 500, 'user', 'usr_' || g % 500,
                       CASE WHEN g % 4 = 3 THEN 'failure' ELSE 'success' END,
                       CASE WHEN g % 4 = 3 THEN 'invalid_credentials' END,
                       '203.0.113.' || g % 250, ?, 'req_' || left(md5(g::text), 16),
                       CASE WHEN g % 4 = 2 THEN 'api_key' END, CASE WHEN g % 4 = 2 THEN 'key_' || g % 50 END,
                       ?::jsonb, '00-' || md5(random()::text) || '-' || left(md5(random()::text), 16) || '-01',
                       seq, sha256(('prev ' || org || ' ' || seq)::bytea), sha256(('hash ' || org || ' ' || seq)::bytea),
                       class, retained_at
                FROM numbered
                RETURNING org_id, seq, hash, retention_class, retained_at)
            INSERT INTO audit_chain_head AS h (org_id, seq, hash, retention_class, retained_at)
            SELECT DISTINCT ON (org_id) org_id, seq, hash, retention_class, retained_at FROM stored ORDER BY org_id, seq DESC
            ON CONFLICT (org_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, retained_at = excluded.retained_at
            """;
    /** More empty pages than this share and the latency figure is not of real pages: a MISS. */
    static final double MAX_EMPTY_SHARE = 0.05;

    private QueryLatency() {
    }

    /** Tops the table up to {@code target} rows in chunks, then VACUUM ANALYZE as autovacuum would. */
    static long fill(Connection db, long target) throws SQLException {
        long have = count(db);
        while (have < target) {
            int chunk = (int) Math.min(100_000, target - have);
            try (PreparedStatement ps = db.prepareStatement(BULK_INSERT)) {
                ps.setInt(1, chunk);
                ps.setString(2, SampleEvents.SOURCE);
                ps.setString(3, SampleEvents.USER_AGENT);
                ps.setString(4, SampleEvents.DETAILS_JSON);
                ps.executeUpdate();
            }
            have += chunk;
        }
        try (Statement st = db.createStatement()) {
            st.execute("VACUUM (ANALYZE) audit_event");
        }
        return count(db);
    }

    static long count(Connection db) throws SQLException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM audit_event")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Latency percentiles in ms; {@code empty} pages held no event, {@code events} is the total over all pages. */
    record Result(double p50, double p95, double p99, int requests, int empty, long events) {

        double emptyShare() {
            return (double) empty / requests;
        }
    }

    /**
     * A page of 50 for a random tenant (the busy one a fifth of the time) over a 6 h, 1 day or
     * 7 day window ending somewhere in the last 24 days. Any non-200 answer aborts the run.
     */
    static Result run(String baseUrl, PrivateKey key, int warmup, int requests)
            throws IOException, InterruptedException {
        String[] tokens = new String[ORGS];
        for (int i = 0; i < ORGS; i++) {
            tokens[i] = token(key, SampleEvents.org(i));
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        Random random = new Random(42);
        Duration[] windows = {Duration.ofHours(6), Duration.ofDays(1), Duration.ofDays(7)};
        Instant now = Instant.now();
        double[] millis = new double[requests];
        int empty = 0;
        long events = 0;
        for (int i = 0; i < warmup + requests; i++) {
            int org = random.nextInt(5) == 0 ? 0 : random.nextInt(ORGS);
            Instant to = now.minusSeconds(random.nextInt(24 * 86_400));
            Instant from = to.minus(windows[random.nextInt(windows.length)]);
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/audit-logs?from=" + from
                    + "&to=" + to + "&limit=50")).header("Authorization", "Bearer " + tokens[org]).GET().build();
            long start = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            long elapsed = System.nanoTime() - start;
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + request.uri() + " -> " + response.statusCode() + ": "
                        + response.body());
            }
            if (i >= warmup) {
                millis[i - warmup] = elapsed / 1e6;
                int rows = entries(response.body());
                events += rows;
                if (rows == 0) {
                    empty++;
                }
            }
        }
        Arrays.sort(millis);
        return new Result(percentile(millis, 0.50), percentile(millis, 0.95), percentile(millis, 0.99),
                requests, empty, events);
    }

    /** The events on a page: every entry has exactly one org_id (the page itself has none). */
    static int entries(String page) {
        int n = 0;
        for (int i = page.indexOf("\"org_id\":"); i >= 0; i = page.indexOf("\"org_id\":", i + 1)) {
            n++;
        }
        return n;
    }

    static void generateKeys(Path dir) throws GeneralSecurityException, IOException {
        KeyPair pair = P256.newKeyPair();
        ECPublicKey pub = (ECPublicKey) pair.getPublic();
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("jwks.json"), "{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"use\":\"sig\","
                + "\"alg\":\"ES256\",\"kid\":\"" + KID + "\",\"x\":\"" + coordinate(pub.getW().getAffineX())
                + "\",\"y\":\"" + coordinate(pub.getW().getAffineY()) + "\"}]}");
        Files.writeString(dir.resolve("es256-private.b64"),
                Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
    }

    static PrivateKey privateKey(Path dir) throws GeneralSecurityException, IOException {
        byte[] pkcs8 = Base64.getDecoder().decode(Files.readString(dir.resolve("es256-private.b64")).trim());
        return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    }

    /**
     * Events per second of GET /api/v1/audit-logs/export, NDJSON over HTTP, for each of {@code orgs}
     * organizations in turn: the body is read line by line and dropped, as a client streaming to a file.
     */
    static double exportRate(String service, PrivateKey key, int orgs) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long lines = 0;
        long start = System.nanoTime();
        for (int i = 0; i < orgs; i++) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(service + "/api/v1/audit-logs/export"))
                    .header("Authorization", "Bearer " + token(key, SampleEvents.org(i))).GET().build();
            HttpResponse<java.util.stream.Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
            try (java.util.stream.Stream<String> body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("export answered " + response.statusCode());
                }
                lines += body.count();
            }
        }
        return lines / ((System.nanoTime() - start) / 1e9);
    }

    /** An access token as auth-service issues it (ES256, typ at+jwt, org_id claim), valid for an hour. */
    private static String token(PrivateKey key, String orgId) {
        Instant now = Instant.now();
        return Jwt.issuer("http://127.0.0.1:8081").audience("agentwallex-api").subject("usr_bench")
                .claim("org_id", orgId).claim("sid", "ses_" + UUID.randomUUID()).claim("scope", "audit:read")
                .issuedAt(now).expiresAt(now.plusSeconds(3600)).claim("jti", UUID.randomUUID().toString())
                .jws().keyId(KID).header("typ", "at+jwt").algorithm(SignatureAlgorithm.ES256).sign(key);
    }

    /** A JWK coordinate: the unsigned 32-byte big-endian value, base64url without padding. */
    private static String coordinate(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] fixed = new byte[32];
        int len = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - len, fixed, 32 - len, len);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(fixed);
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, double p) {
        return sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)];
    }
}
