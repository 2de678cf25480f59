package com.agentwallex.system.standards;

import static org.assertj.core.api.Assertions.assertThat;

import com.agentwallex.contract.events.AuthTopics;
import com.agentwallex.common.testing.TestKafkaClients;
import com.agentwallex.system.support.Stack;
import com.agentwallex.system.support.Users;
import com.agentwallex.system.support.Users.Session;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The events topic as a consumer built on the official CloudEvents SDK reads it (Kafka binding,
 * structured mode): what auth-service's and apikey-service's outbox relays publish is recognised as
 * CloudEvents, every record of an organization, each with its type.
 */
@QuarkusTest
@WithTestResource(value = Stack.class, scope = TestResourceScope.GLOBAL)
class CloudEventsConsumerTest {

    @Test
    void everyRecordTheServicesPublishIsACloudEventToTheSdksKafkaBinding() {
        List<CloudEvent> ours = new ArrayList<>();
        Map<String, Object> settings = TestKafkaClients.admin().consumerSettings("system-tests-cloudevents", Map.of());
        try (KafkaConsumer<String, CloudEvent> consumer = new KafkaConsumer<>(settings, new StringDeserializer(),
                new CloudEventDeserializer())) {
            // from the topic's end as it stands now: what this run publishes, not what earlier runs left
            List<TopicPartition> partitions = consumer.partitionsFor(AuthTopics.AUTH_EVENTS, Duration.ofSeconds(10))
                    .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);

            Session user = Users.signIn();
            var key = Users.createKey(user, "production", "audit:read");
            RestAssured.given().baseUri(Stack.entry()).header("X-API-Key", key.<String>path("key"))
                    .get("/api/v1/audit-logs").then().statusCode(200);
            Users.revokeKey(user, key.path("id"));
            Users.logout(user);
            List<String> expected = List.of("auth.login.succeeded", "auth.token.exchanged", "api_key.created",
                    "api_key.revoked", "auth.session.logged_out");

            // the SDK throws on a record it does not recognise as a CloudEvent, so every record read is one
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, CloudEvent> r : consumer.poll(Duration.ofMillis(200))) {
                    if (user.orgId().equals(r.key())) {
                        ours.add(r.value());
                    }
                }
                return ours.stream().map(CloudEvent::getType).toList().containsAll(expected);
            });
        }
        assertThat(ours).allSatisfy(event -> {
            assertThat(event.getSpecVersion().toString()).isEqualTo("1.0");
            assertThat(event.getSource().toString()).isIn("auth-service", "apikey-service");
            assertThat(event.getData()).isNotNull();
        });
    }
}
