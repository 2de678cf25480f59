package com.agentwallex.system.faults;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.agentwallex.contract.events.AuthTopics;
import com.agentwallex.common.testing.TestKafkaClients;
import com.agentwallex.system.support.AuditTrail;
import com.agentwallex.system.support.AuditTrail.Entry;
import com.agentwallex.system.support.EventStream;
import com.agentwallex.system.support.Infra;
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
import java.util.Set;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL server restarts while audit-service ingests: the consumer pauses and retries,
 * nothing good goes to the dead-letter topic, every event is stored once, requests that need the
 * database meanwhile are told to retry (503), and every service serves again afterwards.
 */
@QuarkusTest
@WithTestResource(value = Stack.class, scope = TestResourceScope.GLOBAL)
class PostgresRestartTest {

    private static final int EVENTS = 8_000;

    @Test
    void postgresRestartedDuringIngestionLosesNothingAndDeadLettersNothing() {
        Session user = Users.signIn();
        long deadLettersBefore = deadLetters();
        double retriesBefore = storeRetries();
        Set<String> sent;
        try (EventStream stream = new EventStream(user.orgId(), EVENTS, 10)) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> stream.acknowledgedCount() >= EVENTS / 4);
            Infra.stopPostgres();
            try {
                // The fault is real: audit-service sees its store gone and stops calling itself ready.
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> auditReadiness() == 503);
                // Requests that need a database answer 503 with a retry hint, never a 500: a session's
                // token at auth-service (checked against its session table), the key list at apikey-service.
                for (String path : List.of("/api/v1/auth/me", "/api/v1/api-keys")) {
                    user.bearer().get(path).then().statusCode(503).contentType("application/problem+json")
                            .header("Retry-After", org.hamcrest.Matchers.matchesPattern("[1-9][0-9]*"));
                }
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> stream.acknowledgedCount() >= EVENTS / 2);
            } finally {
                Infra.startPostgres();
            }
            sent = stream.finish();
        }

        List<Entry> trail = AuditTrail.await(user.accessToken(), e -> true, EVENTS + 2, Duration.ofMinutes(2));
        assertThat(trail).hasSize(EVENTS + 2);
        assertThat(trail.stream().filter(e -> e.type().equals("api_key.used")).map(Entry::id)).hasSameElementsAs(sent);
        assertThat(storeRetries()).as("ingestion stalled and retried while PostgreSQL was away").isGreaterThan(retriesBefore);
        assertThat(deadLetters()).isEqualTo(deadLettersBefore);

        // every pool got its connections cut: the next requests must still be served
        Session after = Users.signIn();
        Users.createKey(after, "sandbox", "agents:read");
        after.bearer().get("/api/v1/audit-logs").then().statusCode(200);
    }

    private static int auditReadiness() {
        return given().baseUri(Stack.url(Service.AUDIT)).get("/q/health/ready").statusCode();
    }

    /** audit-service's count of batches it had to retry because PostgreSQL could not take them. */
    private static double storeRetries() {
        String metrics = given().baseUri(Stack.url(Service.AUDIT)).get("/q/metrics").then().statusCode(200)
                .extract().asString();
        return metrics.lines().filter(l -> l.startsWith("awx_audit_store_retries_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static long deadLetters() {
        try (KafkaConsumer<String, byte[]> consumer = TestKafkaClients.admin().consumer("system-tests-dlq-count", Map.of())) {
            List<TopicPartition> partitions = consumer.partitionsFor(AuthTopics.AUTH_EVENTS_DLQ).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
