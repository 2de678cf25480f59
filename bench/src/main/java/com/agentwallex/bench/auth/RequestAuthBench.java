package com.agentwallex.bench.auth;

import com.agentwallex.bench.BenchKafka;
import com.agentwallex.common.auth.AwxPrincipal;
import com.agentwallex.common.auth.RequestAuthConfig;
import com.agentwallex.common.auth.RequiredEnvironment;
import com.agentwallex.common.auth.StandaloneRequestAuth;
import com.agentwallex.common.crypto.Es256;
import com.agentwallex.common.crypto.P256;
import com.agentwallex.contract.apikey.ApiKeyFormat;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.EcdsaUsingShaAlgorithm;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The in-process cost of common's request authentication with warm caches, beside the one
 * thing a Bearer check cannot avoid: an ES256 signature verification. The verifiers are
 * package-private: common's StandaloneRequestAuth builds them as Quarkus would, with real
 * Kafka for the revocation feed (run by bench/request-auth after `awx infra`). The API-key path
 * is primed once by a throw-away HTTP answer; what is measured is the cached path every later
 * request takes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RequestAuthBench {

    private String token;
    private String agentToken;
    private byte[] signingInput;
    private byte[] derSignature;
    private ECPublicKey publicKey;
    private PublicKey bouncyCastleKey;
    private StandaloneRequestAuth auth;
    private HttpServer apikeyStandIn;
    private final String apiKey = ApiKeyFormat.generate(ApiKeyFormat.Environment.PRODUCTION);
    private final String limitedApiKey = ApiKeyFormat.generate(ApiKeyFormat.Environment.PRODUCTION);

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        KeyPair pair = P256.newKeyPair();
        publicKey = (ECPublicKey) pair.getPublic();
        bouncyCastleKey = Es256.verificationKey(publicKey);
        EllipticCurveJsonWebKey jwk = new EllipticCurveJsonWebKey(publicKey);
        jwk.setKeyId("bench-1");
        Path jwks = Files.createTempFile("awx-bench-jwks", ".json");
        Files.writeString(jwks, new JsonWebKeySet(jwk).toJson());

        JwtClaims claims = new JwtClaims();
        claims.setIssuer("http://127.0.0.1:8081");
        claims.setAudience("agentwallex-api");
        claims.setSubject("usr_bench");
        claims.setExpirationTimeMinutesInTheFuture(60);
        claims.setIssuedAtToNow();
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setClaim("sid", "ses_bench");
        claims.setClaim("org_id", "org_bench");
        claims.setClaim("plan", "growth");
        claims.setClaim("scope", "agents:read audit:read");
        token = signed(claims, pair);
        agentToken = agentToken(pair);
        String[] parts = token.split("\\.");
        signingInput = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        derSignature = EcdsaUsingShaAlgorithm.convertConcatenatedToDer(Base64.getUrlDecoder().decode(parts[2]));

        apikeyStandIn = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] answer = ("{\"valid\":true,\"code\":\"VALID\",\"key_id\":\"key_bench\",\"org_id\":\"org_bench\","
                + "\"environment\":\"production\",\"scopes\":[\"agents:read\"],\"expires_at\":null,"
                + "\"rotation_due_at\":\"" + Instant.now().plus(Duration.ofDays(90)) + "\",\"status\":\"active\","
                + "\"plan\":\"growth\"}").getBytes(StandardCharsets.UTF_8);
        // a limited key (issue 20): 10 million a second and a billion a day, so the run never hits them
        byte[] limitedAnswer = new String(answer, StandardCharsets.UTF_8).replace("\"key_bench\"", "\"key_limited\"")
                .replace("\"plan\":\"growth\"}", "\"plan\":\"growth\",\"rate_limits\":[\"1000000000/1\",\"1000000000/86400\"]}")
                .getBytes(StandardCharsets.UTF_8);
        apikeyStandIn.createContext("/verify", exchange -> {
            boolean limited = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).contains(limitedApiKey);
            byte[] body = limited ? limitedAnswer : answer;
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        // usage reports of cache hits, taken as apikey-service takes them
        apikeyStandIn.createContext("/usage", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        // leases as apikey-service grants them while a window has budget left: the batch asked for
        apikeyStandIn.createContext("/rate-limit-leases", exchange -> {
            String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            long requested = Long.parseLong(request.replaceAll(".*\"requested\":(\\d+).*", "$1"));
            byte[] body = ("{\"granted\":" + requested + ",\"remaining\":900000000,\"limit\":1000000000}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        apikeyStandIn.start();

        RequestAuthConfig config = config(jwks.toUri().toString(),
                "http://127.0.0.1:" + apikeyStandIn.getAddress().getPort() + "/verify");
        auth = new StandaloneRequestAuth(config, BenchKafka.clients(System.getProperty("awx.kafka", "127.0.0.1:9092")));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!auth.caughtUp()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Kafka's session revocations not read within 30 s (is `awx infra` up?)");
            }
            Thread.sleep(50);
        }
        auth.verifyAccessToken(token, "203.0.113.9").join();
        auth.verifyAccessToken(agentToken, "203.0.113.9").join();
        auth.verifyApiKey(apiKey, "203.0.113.9").join();
        apiKeyRateLimited();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        auth.stop();
        apikeyStandIn.stop(0);
    }

    /** The ceiling: one verification as the services do it (common's Es256: provider and key object). */
    @Benchmark
    public boolean rawEs256Verification() throws Exception {
        return verify(Es256.PROVIDER, bouncyCastleKey);
    }

    /** The same through the JDK's own provider, which the services used before ADR 11. */
    @Benchmark
    public boolean rawEs256VerificationSunEc() throws Exception {
        return verify("SunEC", publicKey);
    }

    private boolean verify(String provider, PublicKey key) throws Exception {
        Signature signature = Signature.getInstance("SHA256withECDSA", provider);
        signature.initVerify(key);
        signature.update(signingInput);
        return signature.verify(derSignature);
    }

    /** An agent token (issue 20): a key's, checked for environment, allowlist and a voided key too. */
    private static String agentToken(KeyPair pair) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer("http://127.0.0.1:8081");
        claims.setAudience("agentwallex-api");
        claims.setSubject("key_bench");
        claims.setExpirationTimeMinutesInTheFuture(15);
        claims.setIssuedAtToNow();
        claims.setJwtId("agt_" + UUID.randomUUID());
        claims.setClaim("key_id", "key_bench");
        claims.setClaim("org_id", "org_bench");
        claims.setClaim("env", "production");
        claims.setClaim("plan", "growth");
        claims.setClaim("scope", "agents:read");
        claims.setStringListClaim("ip_allowlist", List.of("203.0.113.0/24"));
        claims.setClaim("agent_id", "bench-agent");
        return signed(claims, pair);
    }

    /** As auth-service signs: ES256, the published kid, {@code typ: at+jwt}. */
    private static String signed(JwtClaims claims, KeyPair pair) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        jws.setKeyIdHeaderValue("bench-1");
        jws.setHeader("typ", "at+jwt");
        jws.setKey(pair.getPrivate());
        return jws.getCompactSerialization();
    }

    @Benchmark
    public AwxPrincipal agentToken() {
        return auth.verifyAccessToken(agentToken, "203.0.113.9").join();
    }

    @Benchmark
    public AwxPrincipal bearerToken() {
        return auth.verifyAccessToken(token, "203.0.113.9").join();
    }

    @Benchmark
    public AwxPrincipal apiKeyWarm() {
        return auth.verifyApiKey(apiKey, "203.0.113.9").join();
    }

    /** The same for a key with two rate limits: its budgets spent and the RateLimit headers written, as the mechanism does. */
    @Benchmark
    public java.util.Map<String, String> apiKeyRateLimited() {
        AwxPrincipal key = auth.verifyApiKey(limitedApiKey, "203.0.113.9").join();
        return auth.spendRateLimits(key).join();
    }

    private static RequestAuthConfig config(String jwksUrl, String verifyUrl) {
        RequestAuthConfig.Tokens tokens = new RequestAuthConfig.Tokens() {
            public String jwksUrl() { return jwksUrl; }
            public String issuer() { return "http://127.0.0.1:8081"; }
            public String audience() { return "agentwallex-api"; }
            public Duration jwksRefresh() { return Duration.ofMinutes(5); }
            public Duration jwksMinRefetch() { return Duration.ofSeconds(30); }
        };
        RequestAuthConfig.ApiKeys apiKeys = new RequestAuthConfig.ApiKeys() {
            public boolean enabled() { return true; }
            public String verifyUrl() { return verifyUrl; }
            public Optional<String> leaseUrl() { return Optional.empty(); }
            public Optional<String> usageUrl() { return Optional.empty(); }
            public Duration usageReportInterval() { return Duration.ofSeconds(10); }
            public Optional<String> serviceCredential() { return Optional.of("bench-credential-0123456789abcdef0123"); }
            public Duration cacheTtl() { return Duration.ofMinutes(10); }
            public Duration negativeCacheTtl() { return Duration.ofSeconds(5); }
            public long cacheSize() { return 10_000; }
            public Duration timeout() { return Duration.ofSeconds(2); }
            public RequiredEnvironment requiredEnvironment() { return RequiredEnvironment.ANY; }
        };
        return new RequestAuthConfig() {
            public boolean enabled() { return true; }
            public Tokens tokens() { return tokens; }
            public ApiKeys apiKeys() { return apiKeys; }
        };
    }
}
