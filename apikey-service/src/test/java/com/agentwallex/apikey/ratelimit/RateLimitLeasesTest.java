package com.agentwallex.apikey.ratelimit;

import static com.agentwallex.apikey.support.KeysApi.SERVICE_CREDENTIAL;
import static com.agentwallex.apikey.support.KeysApi.as;
import static com.agentwallex.apikey.support.KeysApi.body;
import static com.agentwallex.apikey.support.KeysApi.created;
import static com.agentwallex.apikey.support.KeysApi.newOrg;
import static com.agentwallex.apikey.support.KeysApi.rotate;
import static com.agentwallex.apikey.support.KeysApi.verify;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.agentwallex.apikey.support.PublishedEvents;
import com.agentwallex.contract.events.AuthEvent;
import com.agentwallex.contract.events.AuthEventType;
import com.agentwallex.common.testing.TestJwtKeys;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Per-key rate limits: set and shown by owners, and one budget leased to every replica (ADR 19). */
@QuarkusTest
@WithTestResource(value = TestJwtKeys.class, scope = TestResourceScope.GLOBAL)
class RateLimitLeasesTest {

    private static final String LEASES = "/internal/v1/api-keys/rate-limit-leases";
    private static final int DAY = 86_400;

    @Test
    void aKeysLimitsAreSetShownSentToVerifiersChangedAndRemoved() {
        String org = newOrg();
        Map<String, Object> body = body("sandbox", "agents:read");
        body.put("rate_limits", List.of(Map.of("limit", 100000, "window_seconds", DAY), Map.of("limit", 10, "window_seconds", 1)));
        Response key = created(org, "free", body);
        assertThat(key.<List<Map<String, Object>>>path("rate_limits")).containsExactly(
                Map.of("name", "1s", "limit", 10, "window_seconds", 1), Map.of("name", "1d", "limit", 100000, "window_seconds", DAY));
        verify(key.path("key"), "198.51.100.7").then().statusCode(200)
                .body("rate_limits", equalTo(List.of("10/1", "100000/86400")));

        String id = key.path("id");
        as(org, "free").body(Map.of("rate_limits", List.of(Map.of("limit", 60, "window_seconds", 60))))
                .patch("/api/v1/api-keys/" + id).then().statusCode(200)
                .body("rate_limits", equalTo(List.of(Map.of("name", "1m", "limit", 60, "window_seconds", 60))));
        verify(key.path("key"), "198.51.100.7").then().statusCode(200).body("rate_limits", equalTo(List.of("60/60")));

        as(org, "free").body(Map.of("rate_limits", List.of())).patch("/api/v1/api-keys/" + id).then().statusCode(200)
                .body("rate_limits", equalTo(List.of()));
        verify(key.path("key"), "198.51.100.7").then().statusCode(200).body("rate_limits", equalTo(List.of()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[{\"limit\":0,\"window_seconds\":60}]", "[{\"limit\":10,\"window_seconds\":0}]",
            "[{\"limit\":10,\"window_seconds\":86401}]", "[{\"limit\":10}]",
            "[{\"limit\":10,\"window_seconds\":60},{\"limit\":20,\"window_seconds\":60}]",
            "[{\"limit\":1,\"window_seconds\":1},{\"limit\":2,\"window_seconds\":2},{\"limit\":3,\"window_seconds\":3},"
                    + "{\"limit\":4,\"window_seconds\":4},{\"limit\":5,\"window_seconds\":5}]",
            "[{\"limit\":10,\"window_seconds\":60,\"burst\":5}]", "[{\"limit\":\"many\",\"window_seconds\":60}]"})
    void anInvalidRateLimitIsA400NamingTheFieldAndNoKeyIsCreated(String limits) {
        String org = newOrg();
        String json = "{\"name\":\"limited\",\"environment\":\"sandbox\",\"scopes\":[\"agents:read\"],\"rate_limits\":" + limits + "}";
        as(org, "free").body(json).post("/api/v1/api-keys").then().statusCode(400)
                .contentType("application/problem+json").body("status", equalTo(400));
        as(org, "free").get("/api/v1/api-keys").then().statusCode(200).body("data.size()", equalTo(0));
    }

    @Test
    void replicasLeasingTheSameWindowTogetherNeverGetMoreThanTheLimit() throws Exception {
        String keyId = limitedKey(100, DAY);
        long window = windowStart(DAY);
        ExecutorService replicas = Executors.newFixedThreadPool(4);
        try {
            List<Future<Long>> grants = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                Callable<Long> lease = () -> lease(keyId, DAY, window, 7, 0, false).then().statusCode(200)
                        .extract().jsonPath().getLong("granted");
                grants.add(replicas.submit(lease));
            }
            long total = 0;
            for (Future<Long> g : grants) {
                total += g.get();
            }
            assertThat(total).isEqualTo(100);
        } finally {
            replicas.shutdown();
        }
        lease(keyId, DAY, window, 7, 0, false).then().statusCode(200)
                .body("granted", equalTo(0)).body("remaining", equalTo(0)).body("limit", equalTo(100));
    }

    @Test
    void whatAReplicaGivesBackCanBeLeasedByAnotherInTheSameWindow() {
        String keyId = limitedKey(10, DAY);
        long window = windowStart(DAY);
        lease(keyId, DAY, window, 10, 0, false).then().body("granted", equalTo(10)).body("remaining", equalTo(0));
        lease(keyId, DAY, window, 0, 4, false).then().statusCode(200).body("remaining", equalTo(4));
        lease(keyId, DAY, window, 10, 0, true).then().body("granted", equalTo(4));
    }

    @Test
    void eachWindowHasItsOwnBudget() {
        String keyId = limitedKey(5, 60);
        long window = windowStart(60);
        lease(keyId, 60, window - 60, 5, 0, false).then().body("granted", equalTo(5));
        lease(keyId, 60, window, 5, 0, false).then().body("granted", equalTo(5));
    }

    @Test
    void aWindowsFirstRefusalIsAuditedOnceForAllReplicasNotPerRefusedRequest() {
        String org = newOrg();
        String keyId = limitedKey(org, 3, DAY);
        long window = windowStart(DAY);
        lease(keyId, DAY, window, 3, 0, true).then().body("granted", equalTo(3));
        for (int i = 0; i < 5; i++) {
            lease(keyId, DAY, window, 1, 0, true).then().statusCode(200).body("granted", equalTo(0));
        }
        List<AuthEvent> exceeded = PublishedEvents.await(e -> e.type() == AuthEventType.RATE_LIMIT_EXCEEDED
                && keyId.equals(e.subject()), 1);
        assertThat(exceeded).singleElement().satisfies(e -> {
            assertThat(e.data().orgId()).isEqualTo(org);
            assertThat(e.data().reason()).isEqualTo("key_rate_limit");
            assertThat(e.data().actor().type()).isEqualTo(AuthEvent.ActorType.API_KEY);
            assertThat(e.data().details()).containsEntry("policy", "1d").containsEntry("limit", 3)
                    .containsEntry("window_start", Instant.ofEpochSecond(window).toString());
        });
    }

    @Test
    void aWindowTheKeyNoLongerLimitsIsLeasedWithoutLimit() {
        String keyId = limitedKey(10, DAY);
        lease(keyId, 60, windowStart(60), 50, 0, true).then().statusCode(200)
                .body("granted", equalTo(50)).body("limit", nullValue());
    }

    @Test
    void leasesNeedTheServiceCredential() {
        String keyId = limitedKey(10, DAY);
        given().contentType(ContentType.JSON).body(leaseBody(keyId, DAY, windowStart(DAY), 1, 0, true)).post(LEASES)
                .then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", "Bearer not-the-credential-0123456789abcdef").contentType(ContentType.JSON)
                .body(leaseBody(keyId, DAY, windowStart(DAY), 1, 0, true)).post(LEASES)
                .then().statusCode(401);
        given().header("Authorization", "Bearer " + com.agentwallex.apikey.support.KeysApi.token(newOrg(), "free"))
                .contentType(ContentType.JSON).body(leaseBody(keyId, DAY, windowStart(DAY), 1, 0, true)).post(LEASES)
                .then().statusCode(401);
    }

    @Test
    void aLeaseForAKeyThatDoesNotExistIs404() {
        lease("key_doesnotexist000000000000", DAY, windowStart(DAY), 1, 0, true).then().statusCode(404);
    }

    @Test
    void leaseRequestsOutsideTheRulesAreA400NamingTheField() {
        String keyId = limitedKey(10, DAY);
        long window = windowStart(DAY);
        lease(keyId, DAY, window + 1, 1, 0, true).then().statusCode(400).body("parameter", equalTo("window_start"));
        lease(keyId, DAY, window + 2L * DAY, 1, 0, true).then().statusCode(400).body("parameter", equalTo("window_start"));
        lease(keyId, DAY, window - 2L * DAY, 1, 0, true).then().statusCode(400).body("parameter", equalTo("window_start"));
        lease(keyId, DAY, Long.MIN_VALUE / DAY * DAY, 1, 0, true).then().statusCode(400).body("parameter", equalTo("window_start"));
        lease(keyId, 0, window, 1, 0, true).then().statusCode(400).body("parameter", equalTo("window_seconds"));
        lease(keyId, DAY, window, 10_001, 0, true).then().statusCode(400).body("parameter", equalTo("requested"));
        lease(keyId, DAY, window, -1, 0, true).then().statusCode(400).body("parameter", equalTo("requested"));
        lease(keyId, DAY, window, 1, -1, true).then().statusCode(400).body("parameter", equalTo("returned"));
        lease(null, DAY, window, 1, 0, true).then().statusCode(400).body("parameter", equalTo("key_id"));
    }

    @Test
    void aRotatedKeyAndItsSuccessorsShareOneBudgetWhatWasSpentBeforeARotationIncluded() {
        String org = newOrg();
        String first = limitedKey(org, 10, DAY);
        long window = windowStart(DAY);
        lease(first, DAY, window, 4, 0, false).then().body("granted", equalTo(4));
        String second = rotate(org, first, 3600L).then().statusCode(201).extract().path("id");
        lease(second, DAY, window, 4, 0, false).then().body("granted", equalTo(4));
        String third = rotate(org, second, 3600L).then().statusCode(201).extract().path("id");
        lease(third, DAY, window, 4, 0, true).then().body("granted", equalTo(2)).body("remaining", equalTo(0));
        lease(first, DAY, window, 1, 0, true).then().body("granted", equalTo(0));
    }

    private static String limitedKey(long limit, int windowSeconds) {
        return limitedKey(newOrg(), limit, windowSeconds);
    }

    private static String limitedKey(String org, long limit, int windowSeconds) {
        Map<String, Object> body = body("sandbox", "agents:read");
        body.put("rate_limits", List.of(Map.of("limit", limit, "window_seconds", windowSeconds)));
        return created(org, "free", body).path("id");
    }

    private static long windowStart(int windowSeconds) {
        long now = Instant.now().getEpochSecond();
        return now - now % windowSeconds;
    }

    private static Map<String, Object> leaseBody(String keyId, int windowSeconds, long windowStart, long requested,
                                                 long returned, boolean blocking) {
        Map<String, Object> body = new HashMap<>();
        body.put("key_id", keyId);
        body.put("window_seconds", windowSeconds);
        body.put("window_start", windowStart);
        body.put("requested", requested);
        body.put("returned", returned);
        body.put("blocking", blocking);
        return body;
    }

    private static Response lease(String keyId, int windowSeconds, long windowStart, long requested, long returned,
                                  boolean blocking) {
        return given().header("Authorization", "Bearer " + SERVICE_CREDENTIAL).contentType(ContentType.JSON)
                .body(leaseBody(keyId, windowSeconds, windowStart, requested, returned, blocking)).post(LEASES);
    }
}
