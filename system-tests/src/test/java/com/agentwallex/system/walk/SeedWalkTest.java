package com.agentwallex.system.walk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.agentwallex.system.support.AuditTrail;
import com.agentwallex.system.support.AuditTrail.Entry;
import com.agentwallex.system.support.Stack;
import com.agentwallex.system.support.Stack.Service;
import com.agentwallex.system.support.Users;
import com.agentwallex.system.support.Users.Session;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The seed page from sign-in to logout, as one person does it, through every service: then the
 * organization's audit log must tell exactly that story — each event once, in order, with the
 * right actor, outcome and client address (the one our trusted proxy reported).
 */
@QuarkusTest
@WithTestResource(value = Stack.class, scope = TestResourceScope.GLOBAL)
class SeedWalkTest {

    // Through the entry point the client is the peer nginx saw: this test's own loopback address.
    private static final String BROWSER_IP = "127.0.0.1";
    private static final Duration FIVE_SECONDS = Duration.ofSeconds(5);

    @Test
    void theSeedWalkedEndToEndLeavesExactlyItsOwnEventsInTheAuditLog() {
        String email = "walk-" + UUID.randomUUID() + "@example.com";
        // 1-3: sign in through the provider, exchange the code, call with the Bearer token
        Session first = Users.signIn(email);
        first.bearer().get("/api/v1/audit-logs").then().statusCode(200);
        agents(first, "Authorization", "Bearer " + first.accessToken()).then().statusCode(200);

        // create a sandbox key and call with X-API-Key
        Response created = Users.createKey(first, "sandbox", "agents:read");
        String oldId = created.path("id");
        String oldKey = created.path("key");
        agents(first, "X-API-Key", oldKey).then().statusCode(200);
        awaitEvent(first, e -> e.type().equals("api_key.used") && oldId.equals(e.actorId()), 1);

        // rotate: inside the grace both keys work
        Response rotated = Users.rotateKey(first, oldId);
        String newId = rotated.path("id");
        String newKey = rotated.path("key");
        // once the rotation reaches the example service's key cache, the old key answers with a Sunset
        Awaitility.await().atMost(FIVE_SECONDS).pollInterval(Duration.ofMillis(100)).until(() ->
                agents(first, "X-API-Key", oldKey).then().statusCode(200).extract().header("Sunset") != null);
        awaitEvent(first, e -> e.type().equals("api_key.used") && oldId.equals(e.actorId()), 2);
        agents(first, "X-API-Key", newKey).then().statusCode(200);
        awaitEvent(first, e -> e.type().equals("api_key.used") && newId.equals(e.actorId()), 1);

        // revoke the old key before its grace ends: it stops working everywhere
        Users.revokeKey(first, oldId);
        Awaitility.await().atMost(FIVE_SECONDS).pollInterval(Duration.ofMillis(100))
                .until(() -> agents(first, "X-API-Key", oldKey).statusCode() == 401);
        awaitEvent(first, e -> e.type().equals("api_key.verification_failed") && oldId.equals(e.actorId()), 1);

        // refresh; a racing tab's replay inside the (default 10 s) grace gets the same pair; after it,
        // reuse ends the session (the spending is moved an hour back instead of waiting out the grace)
        Session refreshed = Users.refreshed(first);
        assertThat(Users.refresh(first, first.refreshToken()).<String>path("refresh_token"))
                .isEqualTo(refreshed.refreshToken());
        Users.spentLongAgo(first.refreshToken());
        Users.refresh(first, first.refreshToken()).then().statusCode(400);
        Awaitility.await().atMost(FIVE_SECONDS).pollInterval(Duration.ofMillis(100))
                .until(() -> agents(refreshed, "Authorization", "Bearer " + refreshed.accessToken()).statusCode() == 401);

        // sign in again and log out: that session's token stops working too
        Session second = Users.signIn(email);
        Users.logout(second);
        Awaitility.await().atMost(FIVE_SECONDS).pollInterval(Duration.ofMillis(100))
                .until(() -> second.bearer().get("/api/v1/audit-logs").statusCode() == 401);

        // the reader signs in once more; that sign-in is the last thing the log holds
        Session reader = Users.signIn(email);
        List<Entry> trail = AuditTrail.await(reader.accessToken(), e -> true, 18, Duration.ofSeconds(30));

        String user = first.userId();
        assertThat(trail).extracting(Entry::type, Entry::actorType, Entry::actorId, Entry::outcome, Entry::resourceId)
                .containsExactly(
                        tuple("auth.login.succeeded", "user", user, "success", first.sessionId()),
                        tuple("auth.token.exchanged", "user", user, "success", first.sessionId()),
                        tuple("api_key.created", "user", user, "success", oldId),
                        tuple("api_key.used", "api_key", oldId, "success", oldId),
                        tuple("api_key.rotated", "user", user, "success", oldId),
                        tuple("api_key.used", "api_key", oldId, "success", oldId),
                        tuple("api_key.used", "api_key", newId, "success", newId),
                        tuple("api_key.revoked", "user", user, "success", oldId),
                        tuple("api_key.verification_failed", "api_key", oldId, "failure", oldId),
                        tuple("auth.token.refreshed", "user", user, "success", first.sessionId()),
                        // the racing tab's replay inside the grace: issued again, so audited again
                        tuple("auth.token.refreshed", "user", user, "success", first.sessionId()),
                        tuple("auth.token.reuse_detected", "user", user, "failure", first.sessionId()),
                        tuple("auth.session.revoked", "user", user, "failure", first.sessionId()),
                        tuple("auth.login.succeeded", "user", user, "success", second.sessionId()),
                        tuple("auth.token.exchanged", "user", user, "success", second.sessionId()),
                        tuple("auth.session.logged_out", "user", user, "success", second.sessionId()),
                        tuple("auth.login.succeeded", "user", user, "success", reader.sessionId()),
                        tuple("auth.token.exchanged", "user", user, "success", reader.sessionId()));
        assertThat(trail).extracting(Entry::clientIp).containsOnly(BROWSER_IP);
        assertThat(trail).extracting(Entry::id).doesNotHaveDuplicates();
    }

    /** The example resource service (this test's own application), called from the browser's address. */
    private static Response agents(Session session, String header, String value) {
        return session.api().header(header, value).get("/api/v1/agents");
    }

    private static void awaitEvent(Session session, Predicate<Entry> match, int count) {
        AuditTrail.await(session.accessToken(), match, count, FIVE_SECONDS);
    }
}
