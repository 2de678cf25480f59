package com.agentwallex.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.agentwallex.contract.events.AuthTopics;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * components/keda: audit-service scales on its consumer group's lag instead of CPU. The trigger
 * reads the group and topic audit-service really consumes, as its own Kafka user, never scales past
 * the partitions, and the component removes the CPU autoscaler it replaces (one or the other).
 */
class KedaTest {

    private static final String COMPONENT = "keda";
    private static final Path PRODUCTION = Manifests.ROOT.resolve("overlays/production");

    @Test
    void theTriggerWatchesTheGroupAndTopicAuditServiceConsumesOnTheServicesBootstrap() throws IOException {
        Keda.Trigger trigger = trigger();
        assertThat(trigger.type()).isEqualTo("kafka");
        assertThat(scaledObject().spec().scaleTargetRef().name()).isEqualTo("audit-service");
        assertThat(trigger.metadata()).containsEntry("topic", AuthTopics.AUTH_EVENTS)
                .containsEntry("consumerGroup", auditGroupId())
                .containsEntry("bootstrapServers", awxConfig("AWX_KAFKA_BOOTSTRAP"))
                .containsEntry("sasl", "scram_sha512").containsEntry("tls", "enable");
        assertThat(Integer.parseInt(trigger.metadata().get("lagThreshold"))).isPositive();
    }

    @Test
    void auditServiceNeverScalesPastTheReplicasThePartitionsOfItsTopicKeepBusy() {
        String topic = trigger().metadata().get("topic");
        int partitions = Manifests.ofType(KafkaTopic.class).stream().filter(t -> t.getSpec().getTopicName().equals(topic))
                .findFirst().orElseThrow().getSpec().getPartitions();
        Keda.ScaledObjectSpec spec = scaledObject().spec();
        // allowIdleConsumers counts partitions, not the consumers each replica runs
        assertThat(spec.maxReplicaCount()).isLessThanOrEqualTo(partitions / Services.auditConsumersPerReplica())
                .isGreaterThan(spec.minReplicaCount());
        // as many as the production CPU autoscaler keeps, one per zone
        HorizontalPodAutoscaler production = Overlays.patchesFor(PRODUCTION, HorizontalPodAutoscaler.class, cpuAutoscaler())
                .stream().reduce((a, b) -> b).orElseThrow();
        assertThat(spec.minReplicaCount()).isGreaterThanOrEqualTo(production.getSpec().getMinReplicas());
    }

    @Test
    void kedaAuthenticatesAsAuditServicesKafkaUserTrustingTheClusterCa() {
        Keda.TriggerAuthentication auth = Manifests.inComponent(Keda.TriggerAuthentication.class, COMPONENT).stream()
                .filter(a -> a.metadata().getName().equals(trigger().authenticationRef().name())).findFirst().orElseThrow();
        KafkaUser user = Manifests.ofType(KafkaUser.class).stream()
                .filter(u -> u.getMetadata().getName().equals("audit-service")).findFirst().orElseThrow();
        Keda.EnvParameter username = auth.spec().env().stream().filter(e -> e.parameter().equals("username")).findFirst().orElseThrow();
        EnvVar env = Services.container(username.containerName()).getEnv().stream()
                .filter(e -> e.getName().equals(username.name())).findFirst().orElseThrow();
        assertThat(env.getValue()).isEqualTo(user.getMetadata().getName());
        assertThat(auth.spec().secretTargetRef()).anySatisfy(s -> {
            assertThat(s.parameter()).isEqualTo("password");
            assertThat(s.name()).as("Strimzi's Secret of the user").isEqualTo(user.getMetadata().getName());
            assertThat(s.key()).isEqualTo("password");
        }).anySatisfy(s -> {
            assertThat(s.parameter()).isEqualTo("ca");
            assertThat(s.name()).isEqualTo("awx-kafka-cluster-ca-cert");
        });
    }

    @Test
    void theComponentDeletesTheCpuAutoscalerItReplacesAndNothingElse() {
        List<Deletion> deletions = Overlays.patches(Manifests.COMPONENTS.resolve(COMPONENT)).stream()
                .flatMap(p -> parse(Manifests.COMPONENTS.resolve(COMPONENT).resolve(p.getPath())).stream())
                .map(Manifests.Document::resource).filter(Deletion.class::isInstance).map(Deletion.class::cast).toList();
        assertThat(deletions).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo("HorizontalPodAutoscaler");
            assertThat(d.metadata().getName()).isEqualTo(cpuAutoscaler().getMetadata().getName());
        });
    }

    private static Keda.ScaledObject scaledObject() {
        return Manifests.inComponent(Keda.ScaledObject.class, COMPONENT).get(0);
    }

    private static Keda.Trigger trigger() {
        return scaledObject().spec().triggers().get(0);
    }

    private static HorizontalPodAutoscaler cpuAutoscaler() {
        return Manifests.ofType(HorizontalPodAutoscaler.class, Manifests.BASE).stream()
                .filter(h -> h.getSpec().getScaleTargetRef().getName().equals(scaledObject().spec().scaleTargetRef().name()))
                .findFirst().orElseThrow();
    }

    private static String awxConfig(String key) {
        return Manifests.ofType(ConfigMap.class, Manifests.BASE).stream()
                .filter(c -> c.getMetadata().getName().equals("awx-config")).findFirst().orElseThrow().getData().get(key);
    }

    /** audit-service's consumer group: AWX_AUDIT_GROUP_ID where the manifests set it, else its default. */
    private static String auditGroupId() throws IOException {
        String configured = awxConfig("AWX_AUDIT_GROUP_ID");
        if (configured != null) {
            return configured;
        }
        Matcher m = Pattern.compile("(?m)^awx\\.audit\\.ingest\\.group-id=\\$\\{AWX_AUDIT_GROUP_ID:([^}]+)}$")
                .matcher(Files.readString(Manifests.REPO.resolve("audit-service/src/main/resources/application.properties")));
        assertThat(m.find()).as("audit-service's group id setting").isTrue();
        return m.group(1);
    }

    private static List<Manifests.Document> parse(Path file) {
        try {
            return Manifests.parse(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
