package com.agentwallex.system.support;

import com.agentwallex.common.crypto.P256;
import com.agentwallex.contract.events.AuthTopics;
import com.agentwallex.common.testing.PostgresAdmin;
import com.agentwallex.common.testing.TestKafkaClients;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;

/**
 * The stack as `awx up` runs it: auth-service, apikey-service and audit-service, each its own
 * process from its packaged jar, on this run's own databases and free ports, against the Kafka,
 * PostgreSQL and OIDC provider that `awx infra` started. auth-service signs with a key this
 * class made, so tests can also forge tokens that carry a real signature.
 */
public class Stack implements QuarkusTestResourceLifecycleManager {

    public enum Service {
        AUTH("auth-service", "awx_auth_system"),
        APIKEY("apikey-service", "awx_apikey_system"),
        AUDIT("audit-service", "awx_audit_system");

        final String module;
        final String database;

        Service(String module, String database) {
            this.module = module;
            this.database = database;
        }
    }

    public static final String KID = "system-1";
    public static final String AUDIENCE = "agentwallex-api";
    public static final String OIDC = System.getProperty("awx.oidc", "http://127.0.0.1:8090/google");
    public static final String RETURN_TO = "http://127.0.0.1:3000/auth/callback";

    static final String AUDIT_GROUP = "audit-service-system";
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path WORK = Path.of("target", "system").toAbsolutePath();
    private static final Map<Service, Integer> PORTS = new HashMap<>();
    private static final Map<Service, Process> PROCESSES = new HashMap<>();
    // This run's secrets, fresh each run and all in the ledger: the hygiene scan looks for each one.
    private static final String SERVICE_CREDENTIAL = secret();
    private static final String REFRESH_SECRET = secret();
    private static final String OIDC_CLIENT_SECRET = secret();
    private static final String OIDC_STATE_SECRET = secret();
    private static final String HASH_SECRET = secret();
    private static final String CURSOR_SECRET = secret();
    private static final String BILLING_CREDENTIAL = secret();
    private static final ECKey CHECKPOINT_KEY = checkpointKey();
    private static KeyPair signing;
    private static int examplePort;
    private static int entryPort;
    private static EntryPoint entry;
    private static SecretScanningReporter reporter;
    private static ContractValidation contract;

    @Override
    public Map<String, String> start() {
        try {
            Files.createDirectories(WORK);
            Issued.reset();
            for (String given : List.of(SERVICE_CREDENTIAL, REFRESH_SECRET, OIDC_CLIENT_SECRET, OIDC_STATE_SECRET,
                    HASH_SECRET, CURSOR_SECRET, BILLING_CREDENTIAL, CHECKPOINT_KEY.getD().toString())) {
                Issued.configured(given);
            }
            contract = new ContractValidation(Stack::ourPorts);
            RestAssured.filters(new ErrorBodies(), contract);
            signing = newSigningKey();
            reporter = new SecretScanningReporter();
            createDatabases();
            for (Service s : Service.values()) {
                PORTS.put(s, freePort());
            }
            entryPort = freePort();
            for (Service s : Service.values()) {
                launch(s);
            }
            for (Service s : Service.values()) {
                awaitReady(s);
            }
            examplePort = freePort();
            entry = EntryPoint.start(WORK, PORTS, examplePort, entryPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "quarkus.http.test-port", String.valueOf(examplePort),
                "awx.request-auth.tokens.jwks-url", url(Service.AUTH) + "/.well-known/jwks.json",
                "awx.request-auth.tokens.issuer", issuer(),
                "awx.request-auth.api-keys.verify-url", url(Service.APIKEY) + "/internal/v1/api-keys/verify",
                "awx.request-auth.api-keys.service-credential", SERVICE_CREDENTIAL);
    }

    @Override
    public void stop() {
        PROCESSES.values().forEach(Process::destroy);
        if (entry != null) {
            entry.stop();
        }
        if (reporter != null) {
            reporter.stop();
        }
    }

    /** The secret-scanning reporter apikey-service believes (its keys URL is configured). */
    public static SecretScanningReporter reporter() {
        return reporter;
    }

    /** The tokens' issuer: the public URL, which is the entry point, as under `awx up`. */
    public static String issuer() {
        return "http://127.0.0.1:" + entryPort;
    }

    /** The entry point in front of the stack, routed like the ingress: every public path, and /api/v1/agents. */
    public static String entry() {
        return entry.url();
    }

    /**
     * A request through the entry point from one of this machine's loopback addresses (127.0.0.x),
     * so that a test has a client address of its own for the entry point to report.
     */
    public static RequestSpecification entryFrom(String localAddress) {
        try {
            return RestAssured.given().baseUri(entry()).config(RestAssuredConfig.config().httpClient(
                    HttpClientConfig.httpClientConfig().setParam("http.route.local-address",
                            InetAddress.getByName(localAddress))));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The contract check every system test's traffic goes through, for clients other than RestAssured (ValidatingHttpClient). */
    public static ContractValidation contract() {
        return contract;
    }

    /** Where our services and the entry point listen (not the OIDC provider, not the example service). */
    public static Set<Integer> ourPorts() {
        Set<Integer> ports = new HashSet<>(PORTS.values());
        if (entry != null) {
            ports.add(entry.port());
        }
        return ports;
    }

    /** What billing does when a subscription changes: auth-service publishes it to every follower. */
    public static void changePlan(String orgId, String plan) {
        RestAssured.given().header("Authorization", "Bearer " + BILLING_CREDENTIAL).contentType("application/json")
                .body(Map.of("plan", plan)).put(url(Service.AUTH) + "/internal/v1/organizations/" + orgId + "/plan")
                .then().statusCode(200);
    }

    public static String url(Service service) {
        return "http://127.0.0.1:" + PORTS.get(service);
    }

    public static KeyPair signingKey() {
        return signing;
    }

    /** Stops a service as an operator would (SIGTERM), and waits until it is gone. */
    public static void stop(Service service) {
        end(service, false);
    }

    /** Kills a service without warning (SIGKILL): no shutdown hook, no final commit. */
    public static void kill(Service service) {
        end(service, true);
    }

    private static void end(Service service, boolean forcibly) {
        Process p = PROCESSES.remove(service);
        if (p != null) {
            if (forcibly) {
                p.destroyForcibly();
            } else {
                p.destroy();
            }
            try {
                p.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Starts a stopped service again on its port and waits until it is ready. */
    public static void start(Service service) {
        try {
            launch(service);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitReady(service);
    }

    private static void launch(Service service) throws IOException {
        PROCESSES.put(service, launch(service, PORTS.get(service), service.module + ".log", Map.of()));
    }

    /**
     * Another replica of a running service, configured like the first (same database, group and
     * secrets) on a port of its own, ready when this returns: what a second pod would be.
     */
    public static Replica replica(Service service) {
        return replica(service, Map.of());
    }

    /** The same, with settings of its own on top ({@code environment}: variables the service reads). */
    public static Replica replica(Service service, Map<String, String> environment) {
        try {
            int port = freePort();
            Process process = launch(service, port, service.module + "-replica-" + port + ".log", environment);
            Replica replica = new Replica(process, "http://127.0.0.1:" + port);
            try {
                awaitReady(service.module + " replica", replica.url(), () -> process);
            } catch (RuntimeException e) {
                process.destroyForcibly();
                throw e;
            }
            return replica;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A replica started by {@link #replica}; closing it stops it as an operator would. */
    public record Replica(Process process, String url) implements AutoCloseable {
        @Override
        public void close() {
            process.destroy();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Process launch(Service service, int port, String logName, Map<String, String> extra)
            throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("AWX_JWKS_URL", url(Service.AUTH) + "/.well-known/jwks.json");
        env.put("AWX_JWT_ISSUER", issuer());
        switch (service) {
            case AUTH -> {
                env.put("AWX_AUTH_DB_NAME", service.database);
                env.put("AWX_APIKEY_VERIFY_URL", url(Service.APIKEY) + "/internal/v1/api-keys/verify");
                env.put("AWX_APIKEY_SERVICE_CREDENTIAL", SERVICE_CREDENTIAL);
                env.put("AWX_AUTH_SIGNING_KEY_FILE", WORK.resolve("signing.pem").toString());
                env.put("AWX_AUTH_SIGNING_KEY_ID", KID);
                env.put("AWX_AUTH_REFRESH_SECRET", REFRESH_SECRET);
                env.put("AWX_OIDC_ISSUER", OIDC);
                env.put("AWX_OIDC_CLIENT_ID", "awx-local");
                env.put("AWX_OIDC_CLIENT_SECRET", OIDC_CLIENT_SECRET);
                env.put("AWX_OIDC_STATE_SECRET", OIDC_STATE_SECRET);
                env.put("AWX_RETURN_TO_ALLOWLIST", RETURN_TO);
                env.put("AWX_DEFAULT_RETURN_TO", RETURN_TO);
                env.put("AWX_BILLING_SERVICE_CREDENTIALS", BILLING_CREDENTIAL);
            }
            case APIKEY -> {
                env.put("AWX_APIKEY_DB_NAME", service.database);
                env.put("AWX_APIKEY_HASH_SECRET", HASH_SECRET);
                env.put("AWX_APIKEY_SERVICE_CREDENTIALS", SERVICE_CREDENTIAL);
                // usage and failure events once a second, so tests can await them one by one
                env.put("AWX_APIKEY_USAGE_INTERVAL", "1s");
                env.put("AWX_APIKEY_FAILURES_INTERVAL", "1s");
                env.put("AWX_LEAK_REPORTER_KEYS_URL", reporter.keysUrl());
            }
            case AUDIT -> {
                env.put("AWX_AUDIT_DB_NAME", service.database);
                env.put("AWX_AUDIT_CURSOR_SECRET", CURSOR_SECRET);
                env.put("AWX_AUDIT_GROUP_ID", AUDIT_GROUP);
                // Its own checkpoint key, as deployed (required outside dev and test); signing every
                // second lets a test await a checkpoint over what it just did.
                env.put("AWX_AUDIT_CHECKPOINT_KEY", CHECKPOINT_KEY.toJSONString());
                env.put("AWX_AUDIT_CHECKPOINT_EVERY", "1s");
                env.put("AWX_REQUIRED_ENVIRONMENT", "production");
                env.put("AWX_APIKEY_VERIFY_URL", url(Service.APIKEY) + "/internal/v1/api-keys/verify");
                env.put("AWX_APIKEY_SERVICE_CREDENTIAL", SERVICE_CREDENTIAL);
            }
        }
        env.putAll(extra);
        Path jar = ROOT.resolve(service.module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build the services first (mvn verify builds them)");
        }
        // With the JVM settings the service is deployed with: the suite runs on them too.
        ProcessBuilder builder = new ProcessBuilder(
                "bash", ROOT.resolve("deploy/java-as-deployed").toString(), service.module, "-jar", jar.toString())
                .directory(ROOT.resolve(service.module).toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(WORK.resolve(logName).toFile()));
        builder.environment().putAll(env);
        builder.environment().remove("QUARKUS_PROFILE");
        builder.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return builder.start();
    }

    private static void awaitReady(Service service) {
        awaitReady(service.module, url(service), () -> PROCESSES.get(service));
    }

    private static void awaitReady(String name, String url, java.util.function.Supplier<Process> process) {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            Process p = process.get();
            if (p == null || !p.isAlive()) {
                throw new IllegalStateException(name + " exited; see the logs in " + WORK);
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(250); // polling a process we started; nothing to await on but its port
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(name + " not ready after 90 s; see the logs in " + WORK);
    }

    /** A connection to a service's own database as the administrator: tests read state and travel in time. */
    public static Connection database(Service service) throws SQLException {
        return admin(service.database);
    }

    /** The single number a query about a service's database answers, e.g. a count. */
    public static long queryLong(Service service, String sql, Object... args) {
        try (Connection c = database(service); var ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rows changed by a statement on a service's database. */
    public static int update(Service service, String sql, Object... args) {
        try (Connection c = database(service); var ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits until nothing is on its way to the audit log: both outboxes are empty and audit-service
     * has committed every record on the events topic. A count read after this is final, so "exactly
     * N" also sees a late duplicate.
     */
    public static void awaitSettled(Duration atMost) {
        try (Admin admin = TestKafkaClients.admin().admin("system-tests-settle", Map.of())) {
            Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(250)).until(() ->
                    queryLong(Service.AUTH, "SELECT count(*) FROM outbox") == 0
                    && queryLong(Service.APIKEY, "SELECT count(*) FROM outbox") == 0
                    && auditLag(admin) == 0);
        }
    }

    private static long auditLag(Admin admin) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(AUDIT_GROUP).partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(List.of(AuthTopics.AUTH_EVENTS)).allTopicNames().get().get(AuthTopics.AUTH_EVENTS)
                .partitions().forEach(p -> latest.put(new TopicPartition(AuthTopics.AUTH_EVENTS, p.partition()),
                        OffsetSpec.latest()));
        long lag = 0;
        for (var end : admin.listOffsets(latest).all().get().entrySet()) {
            OffsetAndMetadata at = committed.get(end.getKey());
            lag += end.getValue().offset() - (at == null ? 0 : at.offset());
        }
        return lag;
    }

    private static Connection admin(String database) throws SQLException {
        return PostgresAdmin.connect("jdbc:postgresql://" + Infra.DB_HOST + ":" + Infra.DB_PORT + "/" + database);
    }

    /**
     * This run's own databases, new each run: the stack never shares state with unit tests, with an
     * earlier run, or with a checkout of another branch whose migrations differ.
     */
    private static void createDatabases() {
        try (Connection c = admin("postgres"); Statement st = c.createStatement()) {
            for (Service s : Service.values()) {
                st.execute("DROP DATABASE IF EXISTS " + s.database + " WITH (FORCE)");
                st.execute("CREATE DATABASE " + s.database + " OWNER \"" + PostgresAdmin.owner() + "\"");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + Infra.DB_HOST + ":" + Infra.DB_PORT + " is needed", e);
        }
    }

    /** audit-service's checkpoint key, a private P-256 JWK. */
    private static ECKey checkpointKey() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID("system-checkpoint-1").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair newSigningKey() throws IOException {
        KeyPair pair = P256.newKeyPair();
        String privatePem = pem("PRIVATE KEY", pair.getPrivate().getEncoded());
        Files.writeString(WORK.resolve("signing.pem"), privatePem + pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        Issued.configured(privatePem.lines().skip(2).findFirst().orElseThrow()); // past the fixed ASN.1 prefix
        return pair;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String secret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }


    /** Appends to one of this run's files under target/system (the secret ledger, the error bodies). */
    static synchronized void append(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
