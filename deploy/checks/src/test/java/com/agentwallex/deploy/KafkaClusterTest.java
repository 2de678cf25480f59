package com.agentwallex.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.KafkaAuthorizationSimple;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;
import io.strimzi.api.kafka.model.kafka.listener.KafkaListenerAuthenticationScramSha512;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.nodepool.ProcessRoles;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * components/kafka-cluster: the example Strimzi cluster is the one the topics, users and node pools
 * name, in KRaft mode, with the listener the services connect to and enough brokers for the topics.
 */
class KafkaClusterTest {

    @Test
    void everyTopicUserAndNodePoolBindsToTheExampleCluster() {
        String name = cluster().getMetadata().getName();
        List<HasMetadata> bound = new ArrayList<>();
        bound.addAll(Manifests.ofType(KafkaTopic.class));
        bound.addAll(Manifests.ofType(KafkaUser.class));
        bound.addAll(Manifests.ofType(KafkaNodePool.class));
        assertThat(bound).isNotEmpty().allSatisfy(r -> assertThat(r.getMetadata().getLabels())
                .as("%s %s", r.getKind(), r.getMetadata().getName()).containsEntry("strimzi.io/cluster", name));
    }

    @Test
    void theClusterRunsKraftWithControllersAndEnoughBrokersForEveryTopic() {
        List<KafkaNodePool> pools = Manifests.ofType(KafkaNodePool.class);
        int controllers = pools.stream().filter(p -> p.getSpec().getRoles().contains(ProcessRoles.CONTROLLER))
                .mapToInt(p -> p.getSpec().getReplicas()).sum();
        int brokers = pools.stream().filter(p -> p.getSpec().getRoles().contains(ProcessRoles.BROKER))
                .mapToInt(p -> p.getSpec().getReplicas()).sum();
        assertThat(controllers).as("KRaft controllers, an odd quorum").isGreaterThanOrEqualTo(3).isOdd();
        for (KafkaTopic topic : Manifests.ofType(KafkaTopic.class)) {
            assertThat(topic.getSpec().getReplicas()).as("replicas of %s", topic.getSpec().getTopicName()).isLessThanOrEqualTo(brokers);
            Object minIsr = topic.getSpec().getConfig().get("min.insync.replicas");
            // a write must survive one broker down
            assertThat(Integer.parseInt(String.valueOf(minIsr))).isLessThan(topic.getSpec().getReplicas());
        }
        assertThat(cluster().getSpec().getEntityOperator().getTopicOperator()).as("Topic Operator").isNotNull();
        assertThat(cluster().getSpec().getEntityOperator().getUserOperator()).as("User Operator").isNotNull();
    }

    @Test
    void theServicesBootstrapIsATlsScramListenerOfTheClusterWithSimpleAuthorization() {
        Kafka kafka = cluster();
        ConfigMap config = Manifests.ofType(ConfigMap.class, Manifests.BASE).stream()
                .filter(c -> c.getMetadata().getName().equals("awx-config")).findFirst().orElseThrow();
        String[] bootstrap = config.getData().get("AWX_KAFKA_BOOTSTRAP").split(":");
        assertThat(bootstrap[0]).isEqualTo(kafka.getMetadata().getName() + "-kafka-bootstrap");
        GenericKafkaListener listener = kafka.getSpec().getKafka().getListeners().stream()
                .filter(l -> l.getPort() == Integer.parseInt(bootstrap[1])).findFirst().orElseThrow();
        assertThat(listener.isTls()).isTrue();
        assertThat(listener.getAuth()).isInstanceOf(KafkaListenerAuthenticationScramSha512.class);
        assertThat(config.getData()).containsEntry("AWX_KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
                .containsEntry("AWX_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512");
        // the KafkaUsers' ACLs are enforced only by an authorizer
        assertThat(kafka.getSpec().getKafka().getAuthorization()).isInstanceOf(KafkaAuthorizationSimple.class);
    }

    private static Kafka cluster() {
        return Manifests.inComponent(Kafka.class, "kafka-cluster").stream().reduce((a, b) -> {
            throw new AssertionError("one example cluster");
        }).orElseThrow();
    }
}
