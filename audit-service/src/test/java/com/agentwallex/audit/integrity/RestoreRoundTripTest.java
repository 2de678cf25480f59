package com.agentwallex.audit.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.agentwallex.audit.export.ExportOf;
import com.agentwallex.audit.support.ChainReader;
import com.agentwallex.audit.verifier.AuditLogVerifier;
import com.agentwallex.audit.verifier.VerificationReport;
import com.agentwallex.common.testing.PostgresAdmin;
import com.agentwallex.common.testing.TestJwtKeys;
import com.agentwallex.common.testing.Tokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.core.Vertx;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import io.vertx.sqlclient.PoolOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The local half of the restore path (deploy/README.md, "Backups and restore"): the audit database
 * dumped with pg_dump while it is in use, restored with pg_restore into a fresh database, holds the
 * same rows, and a tenant's offline check of the log read from the copy passes against the
 * checkpoints the copy holds, signed before the dump.
 */
@QuarkusTest
@WithTestResource(value = TestJwtKeys.class, scope = TestResourceScope.GLOBAL)
class RestoreRoundTripTest {

    private static final String RESTORED = "awx_audit_restore_test";
    /** Every table of the schema: the log, the chain heads, the checkpoints, the floors, the class moves, Flyway's history. */
    private static final List<String> TABLES = List.of("audit_event", "audit_chain_head", "audit_checkpoint",
            "audit_retention_floor", "audit_retention_move", "flyway_schema_history");

    private final IntegrityService checkpoints;
    private final Vertx vertx;
    private final String ownerJdbcUrl;
    private final String owner;
    private final Optional<String> ownerPassword;
    private final String sslMode;
    private final Optional<String> trustedCa;

    RestoreRoundTripTest(IntegrityService checkpoints, Vertx vertx,
                         @ConfigProperty(name = "quarkus.datasource.migration.jdbc.url") String ownerJdbcUrl,
                         @ConfigProperty(name = "quarkus.datasource.migration.username") String owner,
                         @ConfigProperty(name = "quarkus.datasource.migration.password") Optional<String> ownerPassword,
                         @ConfigProperty(name = "quarkus.datasource.reactive.postgresql.ssl-mode") String sslMode,
                         @ConfigProperty(name = "quarkus.datasource.reactive.trust-certificate-pem.certs") Optional<String> trustedCa) {
        this.checkpoints = checkpoints;
        this.vertx = vertx;
        this.ownerJdbcUrl = ownerJdbcUrl;
        this.owner = owner;
        this.ownerPassword = ownerPassword;
        this.sslMode = sslMode;
        this.trustedCa = trustedCa;
    }

    /** The server the service's database is on, from the owner's JDBC URL. */
    private URI server() {
        return URI.create(ownerJdbcUrl.substring("jdbc:".length()));
    }

    @Test
    void aDumpRestoredIntoAFreshDatabaseHoldsTheSameRowsAndItsLogStillVerifies() throws Exception {
        String database = server().getPath().substring(1);
        Path bin = postgresBin(database);
        String org = IntegrityFixture.orgWith(300);
        assertThat(checkpoints.checkpoint()).as("chain heads signed").isPositive();
        assertThat(IntegrityFixture.verify(org, IntegrityFixture.export(org)).intact()).as("the log before the dump").isTrue();
        // that export is audited itself (audit.exported, chained as seq 301): dump once it is stored
        await().atMost(Duration.ofSeconds(30)).until(() ->
                !ChainReader.after(Tokens.forOrg(org), 300, Map.of("limit", 1)).isEmpty());

        Path dump = Files.createTempFile("awx-audit-", ".dump");
        Map<String, Long> dumped;
        // The counts and the dump read one snapshot, while ingest may go on beside them.
        try (Connection original = connect(database)) {
            original.setAutoCommit(false);
            original.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            String snapshot = single(original, "SELECT pg_export_snapshot()");
            dumped = counts(original);
            run(bin.resolve("pg_dump"), "--format=custom", "--snapshot=" + snapshot, "--file=" + dump, database);
            original.commit();
        }
        // Creating a database is the administrator's; the copy belongs to the owner, who restores into it.
        try (Connection admin = admin(); Statement sql = admin.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS " + RESTORED + " WITH (FORCE)");
            sql.execute("CREATE DATABASE " + RESTORED + " OWNER " + owner);
        }
        try {
            run(bin.resolve("pg_restore"), "--exit-on-error", "--single-transaction", "--dbname=" + RESTORED,
                    dump.toString());

            try (Connection restored = connect(RESTORED)) {
                assertThat(counts(restored)).as("rows per table, restored against dumped").isEqualTo(dumped);
                assertThat(dumped.get("audit_checkpoint")).isPositive();
                Pool pool = pool(RESTORED);
                Pool originalPool = pool(database);
                try {
                    String restoredExport = ExportOf.ndjson(pool, org);
                    VerificationReport report = AuditLogVerifier.verify(new BufferedReader(new StringReader(restoredExport)),
                            integrity(restored, org),
                            ChainReader.read(RestAssured.get(IntegrityFixture.JWKS).then().statusCode(200).extract().asString()));
                    assertThat(report.intact()).as(report.toString()).isTrue();
                    assertThat(report.events()).as("300 events and the export's audit.exported").isEqualTo(301);
                    assertThat(report.checkpoints()).isPositive();
                    assertThat(restoredExport).as("the restored log against the original, line for line")
                            .isEqualTo(ExportOf.ndjson(originalPool, org));
                } finally {
                    pool.closeAndAwait();
                    originalPool.closeAndAwait();
                }
            }
        } finally {
            Files.deleteIfExists(dump);
            try (Connection admin = admin(); Statement sql = admin.createStatement()) {
                sql.execute("DROP DATABASE IF EXISTS " + RESTORED + " WITH (FORCE)");
            }
        }
    }

    /** The checkpoints as GET /api/v1/audit-logs/integrity?links=false would give them, from the copy's own table. */
    private static JsonNode integrity(Connection db, String org) throws SQLException {
        ObjectNode answer = JsonNodeFactory.instance.objectNode().put("org_id", org);
        ArrayNode list = answer.putArray("checkpoints");
        try (PreparedStatement query = db.prepareStatement("SELECT seq, jws FROM audit_checkpoint WHERE org_id = ? ORDER BY seq")) {
            query.setString(1, org);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    list.addObject().put("seq", rows.getLong(1)).put("jws", rows.getString(2));
                }
            }
        }
        return answer;
    }

    private static Map<String, Long> counts(Connection db) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : TABLES) {
            counts.put(table, Long.parseLong(single(db, "SELECT count(*) FROM " + table)));
        }
        return counts;
    }

    private static String single(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private Connection admin() throws SQLException {
        URI server = server();
        return PostgresAdmin.connect("jdbc:postgresql://" + server.getHost() + ":" + server.getPort() + "/postgres");
    }

    private Connection connect(String name) throws SQLException {
        URI server = server();
        return DriverManager.getConnection("jdbc:postgresql://" + server.getHost() + ":" + server.getPort() + "/" + name,
                owner, ownerPassword.orElse(null));
    }

    private Pool pool(String name) {
        URI server = server();
        PgConnectOptions options = new PgConnectOptions().setHost(server.getHost()).setPort(server.getPort())
                .setDatabase(name).setUser(owner);
        ownerPassword.ifPresent(options::setPassword);
        // TLS as the service's own pool has it (deploy/local/password-pg's server takes nothing else)
        options.setSslMode(SslMode.of(sslMode)).setHostnameVerificationAlgorithm("HTTPS");
        trustedCa.ifPresent(ca -> options.setPemTrustOptions(new PemTrustOptions().addCertPath(ca)));
        return Pool.newInstance(PgBuilder.pool().with(new PoolOptions().setMaxSize(1)).connectingTo(options)
                .using(vertx).build());
    }

    /** pg_dump and pg_restore of the server's own major version (Debian's layout), else from the PATH. */
    private Path postgresBin(String database) throws SQLException {
        String major;
        try (Connection db = connect(database)) {
            major = Integer.toString(Integer.parseInt(single(db, "SHOW server_version_num")) / 10_000);
        }
        Path debian = Path.of("/usr/lib/postgresql", major, "bin");
        if (Files.isExecutable(debian.resolve("pg_dump"))) {
            return debian;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "pg_dump"))) {
                return Path.of(dir);
            }
        }
        assumeTrue(false, "pg_dump/pg_restore of PostgreSQL " + major + " are needed (Debian: postgresql-client-" + major + ")");
        throw new IllegalStateException("unreachable");
    }

    private void run(Path program, String... args) throws IOException, InterruptedException {
        URI server = server();
        List<String> command = new ArrayList<>(List.of(program.toString(), "--host=" + server.getHost(),
                "--port=" + server.getPort(), "--username=" + owner, "--no-password"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        ownerPassword.ifPresent(password -> builder.environment().put("PGPASSWORD", password));
        Process process = builder.start();
        // read to the end before waiting: a full pipe would block the tool
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(program.getFileName() + " finished").isTrue();
        assertThat(process.exitValue()).as(program.getFileName() + " exit status; output: " + output).isZero();
    }
}
