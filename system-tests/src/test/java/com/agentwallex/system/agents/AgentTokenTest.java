package com.agentwallex.system.agents;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import com.agentwallex.system.support.AuditTrail;
import com.agentwallex.system.support.AuditTrail.Entry;
import com.agentwallex.system.support.Issued;
import com.agentwallex.system.support.Stack;
import com.agentwallex.system.support.Stack.Service;
import com.agentwallex.system.support.Users;
import com.agentwallex.system.support.Users.Session;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.token.TokenTypeURI;
import com.nimbusds.oauth2.sdk.token.TypelessAccessToken;
import com.nimbusds.oauth2.sdk.tokenexchange.TokenExchangeGrant;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * An API key exchanged for an agent token (RFC 8693) at the real entry point: read by standard OAuth
 * and JOSE libraries, a Bearer at every service of its environment with no key check per request,
 * never wider than its key, and over when its key is.
 */
@QuarkusTest
@WithTestResource(value = Stack.class, scope = TestResourceScope.GLOBAL)
class AgentTokenTest {

    private static final String TOKEN_PATH = "/api/v1/auth/token";
    private static final String GRANT = "urn:ietf:params:oauth:grant-type:token-exchange";
    private static final String API_KEY_TYPE = "urn:agentwallex:params:oauth:token-type:api-key";
    private static final Duration FIVE_SECONDS = Duration.ofSeconds(5);

    @Test
    void aStandardOAuthClientExchangesAKeyForASignedTokenOfItsOrganizationEnvironmentAndNarrowedScopes()
            throws Exception {
        Session user = Users.signIn();
        Response key = Users.createKey(user, "production", "audit:read", "wallets:read");

        // the key as RFC 8693's subject_token: no client authentication, as for a public client
        TokenRequest request = new TokenRequest.Builder(URI.create(Stack.entry() + TOKEN_PATH),
                new TokenExchangeGrant(new TypelessAccessToken(key.path("key")), TokenTypeURI.parse(API_KEY_TYPE)))
                .scope(new Scope("audit:read")).customParameter("agent_id", "trader-7")
                .customParameter("run_id", "run-42").customParameter("expires_in", "300").build();
        HTTPResponse sent = request.toHTTPRequest().send();
        TokenResponse answer = TokenResponse.parse(sent);

        assertThat(answer.indicatesSuccess()).as("%s", sent.getBody()).isTrue();
        AccessTokenResponse success = answer.toSuccessResponse();
        String token = Issued.secret(success.getTokens().getAccessToken().getValue());
        assertThat(success.getTokens().getAccessToken().getScope()).isEqualTo(new Scope("audit:read"));
        assertThat(success.getTokens().getAccessToken().getLifetime()).isBetween(299L, 300L);
        // the header as sent (a parsed response's toHTTPResponse() writes its own)
        assertThat(sent.getHeaderValue("Cache-Control")).isEqualTo("no-store");

        JWTClaimsSet claims = verifiedWithPublishedKeys(token);
        assertThat(claims.getIssuer()).isEqualTo(Stack.issuer());
        assertThat(claims.getAudience()).containsExactly(Stack.AUDIENCE);
        assertThat(claims.getSubject()).isEqualTo(key.path("id"));
        assertThat(claims.getStringClaim("key_id")).isEqualTo(key.path("id"));
        assertThat(claims.getStringClaim("org_id")).isEqualTo(user.orgId());
        assertThat(claims.getStringClaim("env")).isEqualTo("production");
        assertThat(claims.getStringClaim("scope")).isEqualTo("audit:read");
        assertThat(claims.getStringClaim("agent_id")).isEqualTo("trader-7");
        assertThat(claims.getStringClaim("run_id")).isEqualTo("run-42");
        assertThat(claims.getClaim("sid")).as("no session behind it").isNull();
        assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(300_000L);
    }

    @Test
    void withoutExpiresInTheTokenLastsFifteenMinutesAndNoLonger() {
        Session user = Users.signIn();
        String key = Users.createKey(user, "production", "audit:read").path("key");
        exchange(key, Map.of()).then().statusCode(200).body("expires_in", equalTo(900));
        exchange(key, Map.of("expires_in", "86400")).then().statusCode(200).body("expires_in", equalTo(900));
    }

    @Test
    void theTokenIsABearerAtEveryServiceOfItsKeysEnvironmentAndNowhereElse() {
        Session user = Users.signIn();
        String production = Users.createKey(user, "production", "audit:read", "agents:read").path("key");
        String sandbox = Users.createKey(user, "sandbox", "agents:read").path("key");
        String productionToken = token(production, Map.of());
        String sandboxToken = token(sandbox, Map.of());

        // audit-service serves production, the example service sandbox
        user.api().header("Authorization", "Bearer " + productionToken).get("/api/v1/audit-logs")
                .then().statusCode(200);
        given().header("Authorization", "Bearer " + sandboxToken).get("/api/v1/agents").then().statusCode(200)
                .body("caller.actor_type", equalTo("api_key")).body("caller.environment", equalTo("sandbox"));
        given().header("Authorization", "Bearer " + productionToken).get("/api/v1/agents").then().statusCode(401);
        user.api().header("Authorization", "Bearer " + sandboxToken).get("/api/v1/audit-logs").then().statusCode(401);
    }

    @Test
    void scopeNarrowsAndNeverWidens() {
        Session user = Users.signIn();
        String key = Users.createKey(user, "sandbox", "agents:read", "agents:write").path("key");

        String readOnly = token(key, Map.of("scope", "agents:read"));
        given().header("Authorization", "Bearer " + readOnly).get("/api/v1/agents").then().statusCode(200);
        given().header("Authorization", "Bearer " + readOnly).post("/api/v1/agents").then().statusCode(403);
        given().header("X-API-Key", key).post("/api/v1/agents").then().statusCode(200);

        exchange(key, Map.of("scope", "agents:read api_keys:write")).then().statusCode(400)
                .body("error", equalTo("invalid_scope"));
    }

    /**
     * An agent token outlives every verify cache (15 minutes against their 30 to 60 s), so it is made
     * from the key as stored, never from a remembered answer: a change whose revocation has not
     * arrived yet (Kafka lagging, another replica's cache) cannot pass the key's old rights on. The
     * change here reaches the table only, so every cache keeps the old answer.
     */
    @Test
    void anAgentTokenIsMadeFromTheKeyAsStoredNotFromAnAnswerACacheRemembers() throws Exception {
        Session user = Users.signIn();
        Response created = Users.createKey(user, "sandbox", "agents:read", "agents:write");
        String key = created.path("key");
        assertThat(verifiedWithPublishedKeys(token(key, Map.of())).getStringClaim("scope")).isEqualTo("agents:read agents:write");

        try (Connection db = Stack.database(Service.APIKEY);
             PreparedStatement narrow = db.prepareStatement("UPDATE api_keys SET scopes = ARRAY['agents:read'] WHERE id = ?")) {
            narrow.setString(1, created.path("id"));
            assertThat(narrow.executeUpdate()).isEqualTo(1);
        }

        assertThat(verifiedWithPublishedKeys(token(key, Map.of())).getStringClaim("scope")).isEqualTo("agents:read");
        exchange(key, Map.of("scope", "agents:write")).then().statusCode(400).body("error", equalTo("invalid_scope"));
    }

    @Test
    void aRevokedKeysAgentTokensAreRefusedEverywhereWithinFiveSeconds() {
        Session user = Users.signIn();
        Response production = Users.createKey(user, "production", "audit:read");
        Response sandbox = Users.createKey(user, "sandbox", "agents:read");
        String auditToken = token(production.path("key"), Map.of());
        String agentsToken = token(sandbox.path("key"), Map.of());
        RequestSpecification audit = given().baseUri(Stack.url(Service.AUDIT));
        audit.header("Authorization", "Bearer " + auditToken).get("/api/v1/audit-logs").then().statusCode(200);
        given().header("Authorization", "Bearer " + agentsToken).get("/api/v1/agents").then().statusCode(200);

        Users.revokeKey(user, production.path("id"));
        Users.revokeKey(user, sandbox.path("id"));
        Awaitility.await().atMost(FIVE_SECONDS).pollInterval(Duration.ofMillis(100)).until(() ->
                given().baseUri(Stack.url(Service.AUDIT)).header("Authorization", "Bearer " + auditToken)
                        .get("/api/v1/audit-logs").statusCode() == 401
                        && given().header("Authorization", "Bearer " + agentsToken).get("/api/v1/agents")
                        .statusCode() == 401);
        exchange(production.path("key"), Map.of()).then().statusCode(401).body("error", equalTo("invalid_client"));
    }

    @Test
    void aRotatedKeysTokensEndWithItsGraceWhileTheNewKeysTokensLive() {
        Session user = Users.signIn();
        Response old = Users.createKey(user, "production", "audit:read");
        String rotated = user.bearer().contentType("application/json").body(Map.of("grace_period_seconds", 120))
                .post("/api/v1/api-keys/" + old.path("id") + "/rotate").then().statusCode(201).extract().path("key");
        Issued.secret(rotated);

        int oldLifetime = exchange(old.path("key"), Map.of()).then().statusCode(200).extract().path("expires_in");
        assertThat(oldLifetime).isBetween(110, 120);
        exchange(rotated, Map.of()).then().statusCode(200).body("expires_in", equalTo(900));
    }

    @Test
    void aKeyRotatedWithoutGraceTakesTheAgentTokensMadeFromItWithItEverywhere() {
        // A suspected leak: rotate now. A token made before the rotation must not live out its 15 minutes.
        Session user = Users.signIn();
        Response old = Users.createKey(user, "production", "audit:read");
        String earlier = token(old.path("key"), Map.of());
        RequestSpecification audit = given().baseUri(Stack.url(Service.AUDIT));
        audit.header("Authorization", "Bearer " + earlier).get("/api/v1/audit-logs").then().statusCode(200);

        Issued.secret(user.bearer().contentType("application/json").body(Map.of("grace_period_seconds", 0))
                .post("/api/v1/api-keys/" + old.path("id") + "/rotate").then().statusCode(201).extract().path("key"));
        Awaitility.await().atMost(FIVE_SECONDS).pollInterval(Duration.ofMillis(100)).until(() ->
                given().baseUri(Stack.url(Service.AUDIT)).header("Authorization", "Bearer " + earlier)
                        .get("/api/v1/audit-logs").statusCode() == 401
                        && user.api().header("Authorization", "Bearer " + earlier).get("/api/v1/auth/me")
                        .statusCode() == 401);
    }

    @Test
    void theKeysIpAllowlistTravelsInTheTokenAndHoldsAtEveryService() {
        Session user = Users.onGrowthPlan(Users.signIn());
        String key = Issued.secret(user.bearer().contentType("application/json")
                .body(Map.of("name", "agent", "environment", "production", "scopes", List.of("audit:read"),
                        "ip_allowlist", List.of("127.0.0.41/32")))
                .post("/api/v1/api-keys").then().statusCode(201).extract().<String>path("key"));

        Stack.entryFrom("127.0.0.42").header("X-API-Key", key).contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", GRANT).post(TOKEN_PATH).then().statusCode(401);
        String token = Issued.secret(Stack.entryFrom("127.0.0.41").header("X-API-Key", key)
                .contentType("application/x-www-form-urlencoded").formParam("grant_type", GRANT).post(TOKEN_PATH)
                .then().statusCode(200).extract().<String>path("access_token"));

        Stack.entryFrom("127.0.0.41").header("Authorization", "Bearer " + token).get("/api/v1/audit-logs").then().statusCode(200);
        Stack.entryFrom("127.0.0.42").header("Authorization", "Bearer " + token).get("/api/v1/audit-logs").then().statusCode(401);
    }

    @Test
    void everyIssuedTokenIsAuditedWithItsKeyScopesAndAgent() {
        Session user = Users.signIn();
        Response key = Users.createKey(user, "production", "audit:read");
        token(key.path("key"), Map.of("agent_id", "auditor-1"));

        List<Entry> trail = AuditTrail.await(user.accessToken(), e -> e.type().equals("auth.agent_token.issued"), 1,
                Duration.ofSeconds(30));
        Entry issued = trail.stream().filter(e -> e.type().equals("auth.agent_token.issued")).findFirst().orElseThrow();
        assertThat(issued.actorType()).isEqualTo("api_key");
        assertThat(issued.actorId()).isEqualTo(key.path("id"));
        assertThat(issued.outcome()).isEqualTo("success");
        assertThat(issued.resourceId()).startsWith("agt_");
        assertThat(issued.details()).containsEntry("agent_id", "auditor-1").containsEntry("scopes", List.of("audit:read"));
    }

    @Test
    void aMissingOrWrongCredentialIsInvalidClientAndABadSubjectTokenIsInvalidRequest() {
        Session user = Users.signIn();
        given().baseUri(Stack.entry()).contentType("application/x-www-form-urlencoded").formParam("grant_type", GRANT)
                .post(TOKEN_PATH).then().statusCode(401).body("error", equalTo("invalid_client"))
                .header("WWW-Authenticate", startsWith("ApiKey"));
        given().baseUri(Stack.entry()).header("X-API-Key", "awx_production_" + "x".repeat(40))
                .contentType("application/x-www-form-urlencoded").formParam("grant_type", GRANT)
                .post(TOKEN_PATH).then().statusCode(401).body("error", equalTo("invalid_client"));
        given().baseUri(Stack.entry()).contentType("application/x-www-form-urlencoded").formParam("grant_type", GRANT)
                .formParam("subject_token", "awx_production_" + "y".repeat(40)).formParam("subject_token_type", API_KEY_TYPE)
                .post(TOKEN_PATH).then().statusCode(400).body("error", equalTo("invalid_request"));
        // a user's session token makes no agent token: agents get keys, people keep their sessions
        user.bearer().contentType("application/x-www-form-urlencoded").formParam("grant_type", GRANT)
                .post(TOKEN_PATH).then().statusCode(401).body("error", equalTo("invalid_client"));
    }

    @Test
    void aMalformedExchangeIsAClearOAuthErrorAndNeverAToken() {
        Session user = Users.signIn();
        String key = Users.createKey(user, "production", "audit:read").path("key");
        exchange(key, Map.of("grant_type", "client_credentials")).then().statusCode(400)
                .body("error", equalTo("unsupported_grant_type"));
        exchange(key, Map.of("audience", "https://evil.example")).then().statusCode(400)
                .body("error", equalTo("invalid_target"));
        exchange(key, Map.of("expires_in", "soon")).then().statusCode(400).body("error", equalTo("invalid_request"));
        exchange(key, Map.of("agent_id", "not allowed spaces")).then().statusCode(400)
                .body("error", equalTo("invalid_request"));
        // Carried in the token and audited: a pasted key must not travel with them.
        exchange(key, Map.of("run_id", "run/" + key)).then().statusCode(400)
                .body("error", equalTo("invalid_request")).body(not(containsString(key)));
        exchange(key, Map.of("actor_token", "x", "actor_token_type", API_KEY_TYPE)).then().statusCode(400)
                .body("error", equalTo("invalid_request"));
        given().baseUri(Stack.entry()).header("X-API-Key", key).contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", GRANT).formParam("scope", "audit:read").formParam("scope", "audit:read")
                .post(TOKEN_PATH).then().statusCode(400).body("error", equalTo("invalid_request"));
        String other = Users.createKey(user, "production", "audit:read").path("key");
        exchange(key, Map.of("subject_token", other, "subject_token_type", API_KEY_TYPE)).then().statusCode(400)
                .body("error", equalTo("invalid_request"));
    }

    private static Response exchange(String key, Map<String, String> parameters) {
        RequestSpecification request = given().baseUri(Stack.entry()).header("X-API-Key", key)
                .contentType("application/x-www-form-urlencoded");
        if (!parameters.containsKey("grant_type")) {
            request.formParam("grant_type", GRANT);
        }
        parameters.forEach(request::formParam);
        Response response = request.post(TOKEN_PATH);
        if (response.statusCode() == 200) {
            Issued.secret(response.path("access_token"));
        }
        return response;
    }

    private static String token(String key, Map<String, String> parameters) {
        return exchange(key, parameters).then().statusCode(200).extract().path("access_token");
    }

    /** What any resource server does with a JWT: the issuer's published keys, ES256 only. */
    private static JWTClaimsSet verifiedWithPublishedKeys(String token) throws Exception {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256,
                JWKSourceBuilder.create(URI.create(Stack.entry() + "/.well-known/jwks.json").toURL()).build()));
        processor.setJWSTypeVerifier((type, context) -> {
            if (type == null || !"at+jwt".equals(type.getType())) {
                throw new com.nimbusds.jose.proc.BadJOSEException("not an RFC 9068 access token");
            }
        });
        return processor.process(token, null);
    }
}
