package com.agentwallex.system.attacks;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.agentwallex.system.support.Forge;
import com.agentwallex.system.support.Stack;
import com.agentwallex.system.support.Users;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One suite of forged and misused tokens against every service that accepts Bearer tokens:
 * auth-service (its own verifier), apikey-service, audit-service and the example service (both
 * through common). Every case must be refused as unauthenticated, none may be a 5xx, and no
 * service may fetch keys from where a token says.
 */
@QuarkusTest
@WithTestResource(value = Stack.class, scope = TestResourceScope.GLOBAL)
class JwtAttackSuiteTest {

    record Target(String name, String baseUri, String path) {
    }

    private Users.Session user;
    private JwtClaims real;

    @BeforeEach
    void aRealSession() throws Exception {
        user = Users.signIn();
        real = new JwtConsumerBuilder().setSkipAllValidators().setDisableRequireSignature()
                .setSkipSignatureVerification().build().processToClaims(user.accessToken());
    }

    private List<Target> targets() {
        return List.of(
                new Target("auth-service", Stack.url(Stack.Service.AUTH), "/api/v1/auth/me"),
                new Target("apikey-service", Stack.url(Stack.Service.APIKEY), "/api/v1/api-keys"),
                new Target("audit-service", Stack.url(Stack.Service.AUDIT), "/api/v1/audit-logs"),
                new Target("example service", "http://127.0.0.1:" + RestAssured.port, "/api/v1/agents"));
    }

    @Test
    void theGenuineTokenAndAFaithfulResigningAreAccepted() {
        String resigned = Forge.resigned(real, c -> { }, h -> { });
        for (Target t : targets()) {
            assertThat(call(t, user.accessToken()).statusCode()).as(t.name()).isEqualTo(200);
            assertThat(call(t, resigned).statusCode()).as(t.name() + " (re-signed)").isEqualTo(200);
        }
    }

    @Test
    void everyForgeryIsRefusedAsUnauthenticatedAndNoneIsA5xx() throws IOException {
        try (ServerSocket elsewhere = new ServerSocket(0)) {
            String there = "http://127.0.0.1:" + elsewhere.getLocalPort() + "/jwks.json";
            long now = NumericDate.now().getValue();
            Map<String, String> attacks = new LinkedHashMap<>();
            attacks.put("alg none", Forge.algNone(real));
            attacks.put("HS256 keyed with the public key", Forge.hs256WithPublicKey(real));
            attacks.put("embedded jwk", Forge.attackerSigned(real, Map.of(), true));
            attacks.put("jku elsewhere", Forge.attackerSigned(real, Forge.header("jku", there), false));
            attacks.put("x5u elsewhere", Forge.attackerSigned(real, Forge.header("x5u", there), false));
            attacks.put("kid with a path", Forge.resigned(real, c -> { }, h -> h.setKeyIdHeaderValue("../../../../etc/passwd")));
            attacks.put("kid with SQL", Forge.resigned(real, c -> { }, h -> h.setKeyIdHeaderValue("x' OR '1'='1")));
            attacks.put("kid a number", Forge.resigned(real, c -> { }, h -> h.getHeaders().setObjectHeaderValue("kid", 1)));
            attacks.put("kid an object", Forge.resigned(real, c -> { }, h -> h.getHeaders().setObjectHeaderValue("kid", Map.of("a", "b"))));
            attacks.put("expired", Forge.resigned(real, c -> c.setExpirationTime(NumericDate.fromSeconds(now - 120)), h -> { }));
            attacks.put("nbf in the future", Forge.resigned(real, c -> c.setNotBefore(NumericDate.fromSeconds(now + 3600)), h -> { }));
            attacks.put("no exp", Forge.resigned(real, c -> c.unsetClaim("exp"), h -> { }));
            attacks.put("wrong aud", Forge.resigned(real, c -> c.setAudience("another-api"), h -> { }));
            attacks.put("no aud", Forge.resigned(real, c -> c.unsetClaim("aud"), h -> { }));
            attacks.put("wrong iss", Forge.resigned(real, c -> c.setIssuer("https://evil.example"), h -> { }));
            attacks.put("a refresh token", user.refreshToken());
            attacks.put("an ID token", Forge.resigned(real, c -> {
                c.setAudience("awx-local");
                c.setClaim("nonce", "n");
                c.setClaim("email", "x@example.com");
            }, h -> h.setHeader("typ", "JWT")));
            attacks.put("typ JWT", Forge.resigned(real, c -> { }, h -> h.setHeader("typ", "JWT")));
            attacks.put("duplicate org_id", Forge.duplicateClaim(real, "org_id", "org_someone_else"));
            attacks.put("unknown crit", Forge.resigned(real, c -> { }, h -> {
                h.setHeader("x-awx-unknown", "1");
                h.setCriticalHeaderNames("x-awx-unknown");
            }));
            attacks.put("garbage", "eyJhbGciOiJFUzI1NiJ9.bm90IGpzb24.c2ln");

            elsewhere.setSoTimeout(1);
            for (Target t : targets()) {
                for (Map.Entry<String, String> attack : attacks.entrySet()) {
                    Response r = call(t, attack.getValue());
                    assertThat(r.statusCode()).as("%s: %s", t.name(), attack.getKey()).isEqualTo(401);
                    assertThat(r.contentType()).as("%s: %s", t.name(), attack.getKey()).startsWith("application/problem+json");
                }
            }
            try {
                elsewhere.accept().close();
                throw new AssertionError("a service fetched keys from where a token pointed");
            } catch (SocketTimeoutException expected) {
                // nobody called
            }
        }
    }

    @Test
    void aFloodOfUnknownKidsCostsAuthServiceAtMostOneJwksFetchPerVerifier() {
        double before = jwksFetches();
        for (int i = 0; i < 25; i++) {
            String kid = "invented-" + i + "-" + System.nanoTime();
            String token = Forge.resigned(real, c -> { }, h -> h.setKeyIdHeaderValue(kid));
            assertThat(call(targets().get(2), token).statusCode()).isEqualTo(401);
            assertThat(call(targets().get(3), token).statusCode()).isEqualTo(401);
        }
        // two verifiers (audit-service, the example service), each allowed one refetch per 30 s
        double after = jwksFetches();
        assertThat(after).as("auth-service counts its JWKS requests").isPositive();
        assertThat(after - before).isLessThanOrEqualTo(2);
    }

    private static double jwksFetches() {
        String metrics = given().baseUri(Stack.url(Stack.Service.AUTH)).get("/q/metrics").asString();
        return metrics.lines().filter(l -> l.startsWith("http_server_requests_seconds_count")
                        && l.contains("uri=\"/.well-known/jwks.json\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /**
     * A 100 KB header is stopped by the HTTP layer before any parsing, with 431 Request Header
     * Fields Too Large: the precise answer, and still no 5xx and no 200.
     */
    @Test
    void aHundredKilobyteHeaderIsRefusedBeforeParsing() {
        String huge = Forge.resigned(real, c -> { }, h -> h.setHeader("x-pad", "a".repeat(100 * 1024)));
        for (Target t : targets()) {
            int status = call(t, huge).statusCode();
            assertThat(status).as(t.name()).isIn(401, 431);
        }
    }

    private static Response call(Target t, String token) {
        return given().baseUri(t.baseUri()).header("Authorization", "Bearer " + token).get(t.path());
    }
}
