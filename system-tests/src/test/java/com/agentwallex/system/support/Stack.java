package com.agentwallex.system.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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
    public static final String ISSUER = "http://127.0.0.1:8081";
    public static final String AUDIENCE = "agentwallex-api";
    public static final String OIDC = System.getProperty("awx.oidc", "http://127.0.0.1:8090/google");
    public static final String RETURN_TO = "http://127.0.0.1:3000/auth/callback";
    public static final String KAFKA_BOOTSTRAP = System.getenv().getOrDefault("AWX_KAFKA_BOOTSTRAP", "127.0.0.1:9092");

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path WORK = Path.of("target", "system").toAbsolutePath();
    private static final Map<Service, Integer> PORTS = new HashMap<>();
    private static final Map<Service, Process> PROCESSES = new HashMap<>();
    private static final String SERVICE_CREDENTIAL = secret();
    private static KeyPair signing;

    @Override
    public Map<String, String> start() {
        try {
            Files.createDirectories(WORK);
            io.restassured.RestAssured.filters(new ErrorBodies());
            signing = newSigningKey();
            createDatabases();
            for (Service s : Service.values()) {
                PORTS.put(s, freePort());
            }
            for (Service s : Service.values()) {
                launch(s);
            }
            for (Service s : Service.values()) {
                awaitReady(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "awx.request-auth.tokens.jwks-url", url(Service.AUTH) + "/.well-known/jwks.json",
                "awx.request-auth.api-keys.verify-url", url(Service.APIKEY) + "/internal/v1/api-keys/verify",
                "awx.request-auth.api-keys.service-credential", SERVICE_CREDENTIAL);
    }

    @Override
    public void stop() {
        PROCESSES.values().forEach(Process::destroy);
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
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_HTTP_PORT", String.valueOf(PORTS.get(service)));
        env.put("AWX_JWKS_URL", url(Service.AUTH) + "/.well-known/jwks.json");
        switch (service) {
            case AUTH -> {
                env.put("AWX_AUTH_DB_NAME", service.database);
                env.put("AWX_AUTH_SIGNING_KEY_FILE", WORK.resolve("signing.pem").toString());
                env.put("AWX_AUTH_SIGNING_KEY_ID", KID);
                env.put("AWX_AUTH_REFRESH_SECRET", "system-refresh-secret-0123456789abcdef");
                env.put("AWX_OIDC_ISSUER", OIDC);
                env.put("AWX_OIDC_CLIENT_ID", "awx-local");
                env.put("AWX_OIDC_CLIENT_SECRET", "awx-local-secret");
                env.put("AWX_OIDC_STATE_SECRET", "system-state-secret-0123456789abcdef");
                env.put("AWX_RETURN_TO_ALLOWLIST", RETURN_TO);
                env.put("AWX_DEFAULT_RETURN_TO", RETURN_TO);
                // a spent refresh token replayed after 1 s is reuse, so the walk need not wait 10 s
                env.put("AWX_AUTH_TOKENS_REUSE_GRACE", "PT1S");
            }
            case APIKEY -> {
                env.put("AWX_APIKEY_DB_NAME", service.database);
                env.put("AWX_APIKEY_HASH_SECRET", "system-hash-secret-0123456789abcdef0123");
                env.put("AWX_APIKEY_SERVICE_CREDENTIALS", SERVICE_CREDENTIAL);
                // usage and failure events once a second, so tests can await them one by one
                env.put("AWX_APIKEY_USAGE_INTERVAL", "1s");
                env.put("AWX_APIKEY_FAILURES_INTERVAL", "1s");
            }
            case AUDIT -> {
                env.put("AWX_AUDIT_DB_NAME", service.database);
                env.put("AWX_AUDIT_CURSOR_SECRET", "system-cursor-secret-0123456789abcdef");
                env.put("AWX_AUDIT_GROUP_ID", "audit-service-system");
                env.put("AWX_APIKEY_VERIFY_URL", url(Service.APIKEY) + "/internal/v1/api-keys/verify");
                env.put("AWX_APIKEY_SERVICE_CREDENTIAL", SERVICE_CREDENTIAL);
            }
        }
        Path jar = ROOT.resolve(service.module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build the services first (mvn verify builds them)");
        }
        // With the JVM settings the service is deployed with: the suite runs on them too.
        ProcessBuilder builder = new ProcessBuilder(
                "bash", ROOT.resolve("deploy/java-as-deployed").toString(), service.module, "-jar", jar.toString())
                .directory(ROOT.resolve(service.module).toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(WORK.resolve(service.module + ".log").toFile()));
        builder.environment().putAll(env);
        builder.environment().remove("QUARKUS_PROFILE");
        builder.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        PROCESSES.put(service, builder.start());
    }

    private static void awaitReady(Service service) {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            Process p = PROCESSES.get(service);
            if (p == null || !p.isAlive()) {
                throw new IllegalStateException(service.module + " exited; see " + WORK.resolve(service.module + ".log"));
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url(service) + "/q/health/ready"))
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
        throw new IllegalStateException(service.module + " not ready after 90 s; see " + WORK.resolve(service.module + ".log"));
    }

    /** This run's own databases, created when missing, so the stack never shares state with unit tests. */
    private static void createDatabases() {
        String host = System.getenv().getOrDefault("AWX_DB_HOST", "127.0.0.1");
        String port = System.getenv().getOrDefault("AWX_DB_PORT", "5432");
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/postgres", "postgres", "");
             Statement st = c.createStatement()) {
            for (Service s : Service.values()) {
                try (ResultSet rs = st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + s.database + "'")) {
                    if (!rs.next()) {
                        st.execute("CREATE DATABASE " + s.database);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + host + ":" + port + " is needed", e);
        }
    }

    private static KeyPair newSigningKey() throws IOException {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            Files.writeString(WORK.resolve("signing.pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded())
                    + pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            return pair;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
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
