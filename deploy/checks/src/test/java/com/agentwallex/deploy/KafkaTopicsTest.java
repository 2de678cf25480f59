package com.agentwallex.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.agentwallex.contract.events.AuthTopics;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * SPEC §3's topics, durable: a broker may fail without losing an acknowledged event. The manifests
 * create exactly the topics of the contract (AuthTopics, read by ContractTopics).
 */
class KafkaTopicsTest {

    private static final List<String> COMPACTED =
            List.of(AuthTopics.SESSION_REVOCATIONS, AuthTopics.API_KEY_REVOCATIONS, AuthTopics.ORGANIZATION_PLANS);

    @Test
    void everyTopicOfTheSpecHasThreeReplicasAndNeedsTwoInSync() {
        Map<String, KafkaTopic> topics = topics();
        assertThat(topics.keySet()).containsExactlyInAnyOrderElementsOf(ContractTopics.ALL);
        topics.forEach((name, topic) -> {
            assertThat(topic.getSpec().getReplicas()).as("%s replicas", name).isEqualTo(3);
            assertThat(topic.getSpec().getConfig()).as("%s config", name).containsEntry("min.insync.replicas", 2);
            assertThat(topic.getSpec().getConfig()).as("%s retention", name).containsKey("retention.ms");
            assertThat(topic.getSpec().getPartitions()).as("%s partitions", name).isPositive();
            assertThat(topic.getMetadata().getLabels()).as("%s cluster", name).containsKey("strimzi.io/cluster");
        });
    }

    @Test
    void revocationAndPlanTopicsAreCompactedAndAuthEventsAreNot() {
        Map<String, KafkaTopic> topics = topics();
        for (String name : COMPACTED) {
            assertThat(String.valueOf(topics.get(name).getSpec().getConfig().get("cleanup.policy")))
                    .as(name).contains("compact");
        }
        // Plans are state read from the beginning: nothing may expire them.
        assertThat(topics.get(AuthTopics.ORGANIZATION_PLANS).getSpec().getConfig())
                .containsEntry("cleanup.policy", "compact").containsEntry("retention.ms", -1);
        // Compacting by organization would keep one event per tenant.
        assertThat(topics.get(AuthTopics.AUTH_EVENTS).getSpec().getConfig()).containsEntry("cleanup.policy", "delete");
    }

    /** By spec.topicName: a name prefix from an overlay must never rename a Kafka topic. */
    private static Map<String, KafkaTopic> topics() {
        List<KafkaTopic> all = Manifests.ofType(KafkaTopic.class);
        assertThat(all).allMatch(t -> t.getSpec().getTopicName() != null);
        return all.stream().collect(Collectors.toMap(t -> t.getSpec().getTopicName(), t -> t));
    }
}
