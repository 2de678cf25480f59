package com.agentwallex.apikey.idempotency;

import static com.agentwallex.apikey.support.KeysApi.as;
import static com.agentwallex.apikey.support.KeysApi.body;
import static com.agentwallex.apikey.support.KeysApi.newOrg;
import static com.agentwallex.apikey.support.KeysApi.createdSandboxKey;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.agentwallex.common.testing.TestJwtKeys;
import com.agentwallex.common.testing.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = TestJwtKeys.class, scope = TestResourceScope.GLOBAL)
class IdempotencyKeyTest {

    /** Each test's member: a retry comes from the user who sent the first request. */
    private final String user = "usr_" + UUID.randomUUID();

    private static RequestSpecification asUser(String org, String user) {
        return given().header("Authorization", "Bearer " + Tokens.accessToken(org, c -> c.subject(user).claim("plan", "free")))
                .contentType(ContentType.JSON);
    }

    private static Response createAs(String org, String user, String idempotencyKey, Map<String, Object> body) {
        return asUser(org, user).header("Idempotency-Key", idempotencyKey).body(body).post("/api/v1/api-keys");
    }

    private Response createWith(String org, String idempotencyKey, Map<String, Object> body) {
        return createAs(org, user, idempotencyKey, body);
    }

    private static List<String> keyIds(String org) {
        return as(org, "free").get("/api/v1/api-keys").then().statusCode(200).extract().path("data.id");
    }

    @Test
    void aRetriedCreationGetsTheFirstAnswerAndMakesNoSecondKey() {
        String org = newOrg();
        String idem = UUID.randomUUID().toString();
        Response first = createWith(org, idem, body("sandbox", "agents:read"));
        first.then().statusCode(201).header("Idempotent-Replayed", nullValue());

        Response retry = createWith(org, idem, body("sandbox", "agents:read"));
        retry.then().statusCode(201).header("Idempotent-Replayed", "true")
                .header("Location", first.header("Location"))
                .header("Cache-Control", containsString("no-store"));
        assertThat(retry.<String>path("id")).isEqualTo(first.path("id"));
        assertThat(retry.<String>path("key")).isEqualTo(first.path("key"));
        assertThat(retry.jsonPath().getMap("")).isEqualTo(first.jsonPath().getMap(""));
        assertThat(keyIds(org)).containsExactly(first.<String>path("id"));
    }

    @Test
    void theSameIdempotencyKeyWithAnotherRequestIsA409AndChangesNothing() {
        String org = newOrg();
        String idem = UUID.randomUUID().toString();
        String id = createWith(org, idem, body("sandbox", "agents:read")).then().statusCode(201).extract().path("id");

        createWith(org, idem, body("production", "agents:read")).then().statusCode(409)
                .contentType("application/problem+json").body("type", equalTo("https://docs.agentwallex.com/problems/idempotency_key_reused"));
        assertThat(keyIds(org)).containsExactly(id);
    }

    @Test
    void withoutTheHeaderEveryRequestCreatesAKey() {
        String org = newOrg();
        as(org, "free").body(body("sandbox", "agents:read")).post("/api/v1/api-keys").then().statusCode(201);
        as(org, "free").body(body("sandbox", "agents:read")).post("/api/v1/api-keys").then().statusCode(201);
        assertThat(keyIds(org)).hasSize(2);
    }

    @Test
    void anIdempotencyKeyBelongsToOneOrganization() {
        String idem = UUID.randomUUID().toString();
        String mine = newOrg();
        String theirs = newOrg();
        String myKey = createWith(mine, idem, body("sandbox", "agents:read")).then().statusCode(201).extract().path("key");

        Response other = createWith(theirs, idem, body("sandbox", "agents:read"));
        other.then().statusCode(201).header("Idempotent-Replayed", nullValue());
        assertThat(other.<String>path("key")).isNotEqualTo(myKey);
        assertThat(keyIds(theirs)).containsExactly(other.<String>path("id"));
    }

    @Test
    void anIdempotencyKeyBelongsToTheUserWhoSentItNotToTheirOrganization() {
        String org = newOrg();
        String idem = UUID.randomUUID().toString();
        Response mine = createWith(org, idem, body("sandbox", "agents:read"));
        mine.then().statusCode(201);

        // another member sending the same key and request gets a key of their own, never the first one's secret
        Response colleague = createAs(org, "usr_" + UUID.randomUUID(), idem, body("sandbox", "agents:read"));
        colleague.then().statusCode(201).header("Idempotent-Replayed", nullValue());
        assertThat(colleague.<String>path("key")).isNotEqualTo(mine.path("key"));
        assertThat(keyIds(org)).containsExactlyInAnyOrder(mine.<String>path("id"), colleague.<String>path("id"));

        // and the first user's retry still gets their own answer
        createWith(org, idem, body("sandbox", "agents:read")).then().statusCode(201)
                .header("Idempotent-Replayed", "true").body("key", equalTo(mine.path("key")));
    }

    @Test
    void concurrentRetriesMakeOneKeyAndAllGetIt() throws Exception {
        String org = newOrg();
        String idem = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                Callable<Response> call = () -> createWith(org, idem, body("sandbox", "agents:read"));
                answers.add(pool.submit(call));
            }
            List<String> keys = new ArrayList<>();
            for (Future<Response> answer : answers) {
                keys.add(answer.get().then().statusCode(201).extract().path("key"));
            }
            assertThat(keys).hasSize(6).containsOnly(keys.get(0));
        } finally {
            pool.shutdownNow();
        }
        assertThat(keyIds(org)).hasSize(1);
    }

    @Test
    void aRetriedRotationGetsTheSameSuccessor() {
        String org = newOrg();
        String id = createdSandboxKey(org, "agents:read").path("id");
        String idem = UUID.randomUUID().toString();
        Response first = asUser(org, user).header("Idempotency-Key", idem).body(Map.of("grace_period_seconds", 60))
                .post("/api/v1/api-keys/" + id + "/rotate");
        first.then().statusCode(201);
        Response retry = asUser(org, user).header("Idempotency-Key", idem).body(Map.of("grace_period_seconds", 60))
                .post("/api/v1/api-keys/" + id + "/rotate");
        retry.then().statusCode(201).header("Idempotent-Replayed", "true");
        assertThat(retry.<String>path("key")).isEqualTo(first.path("key"));
        // without the key, a second rotation of the same key is refused: it was already rotated
        as(org, "free").body(Map.of("grace_period_seconds", 60)).post("/api/v1/api-keys/" + id + "/rotate")
                .then().statusCode(409);
    }

    @Test
    void aMalformedIdempotencyKeyIsA400() {
        String org = newOrg();
        createWith(org, "x".repeat(256), body("sandbox", "agents:read")).then().statusCode(400)
                .contentType("application/problem+json");
        createWith(org, "bad key\u0007", body("sandbox", "agents:read")).then().statusCode(400);
        assertThat(keyIds(org)).isEmpty();
    }

    @Test
    void aFailedRequestIsNotRemembered() {
        String org = newOrg();
        String idem = UUID.randomUUID().toString();
        Map<String, Object> invalid = body("staging", "agents:read");
        createWith(org, idem, invalid).then().statusCode(400);
        // the client fixes its request and retries with the same key: it runs
        createWith(org, idem, body("sandbox", "agents:read")).then().statusCode(201)
                .header("Idempotent-Replayed", nullValue());
    }
}
