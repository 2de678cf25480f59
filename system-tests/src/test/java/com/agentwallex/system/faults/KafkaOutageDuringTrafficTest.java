package com.agentwallex.system.faults;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.agentwallex.common.testing.LocalKafka;
import com.agentwallex.system.support.AuditTrail;
import com.agentwallex.system.support.AuditTrail.Entry;
import com.agentwallex.system.support.Stack;
import com.agentwallex.system.support.Stack.Service;
import com.agentwallex.system.support.Users;
import com.agentwallex.system.support.Users.Session;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The broker goes away for a minute (five with -Dawx.system.kafka-outage=PT300S) while one user
 * keeps working: refreshes, key creations, renames and revocations, 1,000 in all, paced over the
 * outage. Every call must succeed, auth- and apikey-service must stay ready (their changes wait in
 * the outbox, so a load balancer has no reason to drop them), and once Kafka is back the audit log
 * must hold each of their events exactly once.
 */
@QuarkusTest
@WithTestResource(value = Stack.class, scope = TestResourceScope.GLOBAL)
class KafkaOutageDuringTrafficTest {

    private static final int OPERATIONS = 1_000;

    @Test
    void kafkaDownDuringAThousandOperationsKeepsTheServicesReadyAndLosesNoEventAndDuplicatesNone() throws Exception {
        Duration outage = Duration.parse(System.getProperty("awx.system.kafka-outage", "PT60S"));
        Duration lead = Duration.ofSeconds(5);
        long paceMillis = (outage.plus(lead).plus(lead).toMillis()) / OPERATIONS;
        Traffic traffic = new Traffic(Users.signIn());
        String org = traffic.session.orgId();

        ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
        CompletableFuture<Void> done = new CompletableFuture<>();
        ScheduledFuture<?> operations = clock.scheduleAtFixedRate(() -> {
            if (done.isDone()) {
                return;
            }
            try {
                if (traffic.next() == OPERATIONS) {
                    done.complete(null);
                }
            } catch (AssertionError | RuntimeException e) {
                done.completeExceptionally(e);
            }
        }, 0, paceMillis, TimeUnit.MILLISECONDS);
        // What the outage looked like from inside: proof that the fault happened and held events back.
        Map<String, Long> seen = new ConcurrentHashMap<>();
        CompletableFuture<Void> kafkaBack = new CompletableFuture<>();
        clock.schedule(() -> fault(kafkaBack, () -> {
            LocalKafka.stop();
            seen.put("stored at stop", stored(org));
            clock.schedule(() -> fault(kafkaBack, () -> {
                seen.put("broker reachable at end", LocalKafka.reachable() ? 1L : 0L);
                seen.put("auth outbox at end", Stack.queryLong(Service.AUTH, "SELECT count(*) FROM outbox WHERE record_key = ?", org));
                seen.put("apikey outbox at end", Stack.queryLong(Service.APIKEY, "SELECT count(*) FROM outbox WHERE record_key = ?", org));
                seen.put("stored at end", stored(org));
                LocalKafka.start();
                kafkaBack.complete(null);
            }), outage.toMillis(), TimeUnit.MILLISECONDS);
        }), lead.toMillis(), TimeUnit.MILLISECONDS);
        try {
            done.get(outage.plus(Duration.ofMinutes(2)).toSeconds(), TimeUnit.SECONDS);
            kafkaBack.get(outage.plus(Duration.ofMinutes(2)).toSeconds(), TimeUnit.SECONDS);
        } finally {
            operations.cancel(false);
            clock.shutdown();
            if (!kafkaBack.isDone()) {
                LocalKafka.start();
            }
        }
        assertThat(seen.get("broker reachable at end")).as("the broker stayed away for the whole outage").isZero();
        assertThat(seen.get("auth outbox at end")).as("auth-service held events back").isPositive();
        assertThat(seen.get("apikey outbox at end")).as("apikey-service held events back").isPositive();
        assertThat(seen.get("stored at end")).as("nothing reached the audit log during the outage")
                .isEqualTo(seen.get("stored at stop"));

        int expected = OPERATIONS + 2; // plus the sign-in and the code exchange
        List<Entry> trail = AuditTrail.await(traffic.session.accessToken(), e -> true, expected, Duration.ofMinutes(2));
        assertThat(trail).hasSize(expected);
        assertThat(trail).extracting(Entry::id).doesNotHaveDuplicates();
        assertThat(AuditTrail.countByType(trail)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "auth.login.succeeded", 1L, "auth.token.exchanged", 1L, "auth.token.refreshed", 250L,
                "api_key.created", 250L, "api_key.updated", 250L, "api_key.revoked", 250L));
        assertThat(trail.stream().filter(e -> e.type().equals("api_key.revoked")).map(Entry::resourceId))
                .containsExactlyInAnyOrderElementsOf(traffic.keys);
    }

    private static long stored(String org) {
        return Stack.queryLong(Service.AUDIT, "SELECT count(*) FROM audit_event WHERE org_id = ?", org);
    }

    /** Runs a step of the fault; if it fails, the test fails with its cause instead of timing out. */
    private static void fault(CompletableFuture<Void> outcome, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            outcome.completeExceptionally(e);
        }
    }

    /** One user's operations in a fixed rotation; each must succeed whatever the broker does. */
    private static final class Traffic {
        private final AtomicInteger done = new AtomicInteger();
        private final List<String> keys = new ArrayList<>();
        private Session session;

        Traffic(Session session) {
            this.session = session;
        }

        int next() {
            switch (done.get() % 4) {
                case 0 -> session = Users.refreshed(session);
                case 1 -> keys.add(Users.createKey(session, "sandbox", "agents:read").path("id"));
                case 2 -> session.bearer().contentType(ContentType.JSON)
                        .body(Map.of("name", "renamed-" + done.get())).patch("/api/v1/api-keys/" + lastKey())
                        .then().statusCode(200);
                default -> Users.revokeKey(session, lastKey());
            }
            for (Service service : List.of(Service.AUTH, Service.APIKEY)) {
                given().baseUri(Stack.url(service)).get("/q/health/ready").then().statusCode(200);
            }
            return done.incrementAndGet();
        }

        private String lastKey() {
            return keys.get(keys.size() - 1);
        }
    }
}
