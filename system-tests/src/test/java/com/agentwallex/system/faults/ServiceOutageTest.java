package com.agentwallex.system.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.notNullValue;

import com.agentwallex.system.support.AuditTrail;
import com.agentwallex.system.support.AuditTrail.Entry;
import com.agentwallex.system.support.Issued;
import com.agentwallex.system.support.Stack;
import com.agentwallex.system.support.Stack.Service;
import com.agentwallex.system.support.Users;
import com.agentwallex.system.support.Users.Session;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Services stop and start; what callers see meanwhile, and what a restart must not forget. */
@QuarkusTest
@WithTestResource(value = Stack.class, scope = TestResourceScope.GLOBAL)
class ServiceOutageTest {

    @Test
    void apikeyServiceStoppedMeans503ForKeysAndNothingForTokens() {
        Session user = Users.signIn();
        String key = Users.createKey(user, "production", "audit:read", "agents:read").path("key");
        Stack.stop(Service.APIKEY);
        try {
            // a fresh key, so no cached answer hides the outage
            user.api().header("X-API-Key", key).get("/api/v1/audit-logs").then()
                    .statusCode(503).contentType("application/problem+json").header("Retry-After", notNullValue());
            user.api().header("X-API-Key", key).get("/api/v1/agents").then().statusCode(503);
            user.bearer().get("/api/v1/audit-logs").then().statusCode(200);
            user.api().header("Authorization", "Bearer " + user.accessToken()).get("/api/v1/agents")
                    .then().statusCode(200);
        } finally {
            Stack.start(Service.APIKEY);
        }
        user.api().header("X-API-Key", key).get("/api/v1/audit-logs").then().statusCode(200);
        // the keyed call after the restart is the only one apikey-service saw: one use, nothing else
        assertExactly(user, Map.of("auth.login.succeeded", 1L, "auth.token.exchanged", 1L, "api_key.created", 1L,
                "api_key.used", 1L));
    }

    @Test
    void authServiceStoppedLeavesIssuedAccessTokensWorkingEverywhere() {
        Session user = Users.signIn();
        Users.createKey(user, "sandbox", "agents:read");
        Stack.stop(Service.AUTH);
        try {
            user.bearer().get("/api/v1/audit-logs").then().statusCode(200);
            user.bearer().get("/api/v1/api-keys").then().statusCode(200);
            Users.createKey(user, "sandbox", "agents:read");
            user.api().header("Authorization", "Bearer " + user.accessToken()).get("/api/v1/agents")
                    .then().statusCode(200);
        } finally {
            Stack.start(Service.AUTH);
        }
        Users.refreshed(user);
        assertExactly(user, Map.of("auth.login.succeeded", 1L, "auth.token.exchanged", 1L, "api_key.created", 2L,
                "auth.token.refreshed", 1L));
    }

    @Test
    void aRestartedAuditServiceStillRejectsASessionEndedBeforeItStarted() {
        Session user = Users.signIn();
        Stack.stop(Service.AUDIT);
        try {
            Users.logout(user);
        } finally {
            Stack.start(Service.AUDIT);
        }
        user.bearer().get("/api/v1/audit-logs").then().statusCode(401);
    }

    @Test
    void aRestartedAuditServiceStillRefusesAnAgentTokenWhoseKeyWasRevokedBeforeItStarted() {
        Session user = Users.signIn();
        var key = Users.createKey(user, "production", "audit:read");
        String agentToken = Issued.secret(user.api().header("X-API-Key", key.<String>path("key"))
                .contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange")
                .post("/api/v1/auth/token").then().statusCode(200).extract().<String>path("access_token"));
        Stack.stop(Service.AUDIT);
        try {
            Users.revokeKey(user, key.path("id"));
        } finally {
            Stack.start(Service.AUDIT);
        }
        user.api().header("Authorization", "Bearer " + agentToken).get("/api/v1/audit-logs").then().statusCode(401);
    }

    private static void assertExactly(Session user, Map<String, Long> expected) {
        int total = expected.values().stream().mapToInt(Long::intValue).sum();
        List<Entry> trail = AuditTrail.await(user.accessToken(), e -> true, total, Duration.ofSeconds(30));
        assertThat(trail).extracting(Entry::id).doesNotHaveDuplicates();
        assertThat(AuditTrail.countByType(trail)).containsExactlyInAnyOrderEntriesOf(expected);
    }
}
