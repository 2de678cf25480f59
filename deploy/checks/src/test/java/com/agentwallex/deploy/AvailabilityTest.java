package com.agentwallex.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.agentwallex.contract.events.AuthTopics;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Replicas, disruption budgets, autoscalers and spreading; production as its overlay makes it. */
class AvailabilityTest {

    private static final Path PRODUCTION = Manifests.ROOT.resolve("overlays/production");

    @Test
    void productionsAutoscalersKeepAtLeastTwoReplicasOfEveryService() {
        for (Deployment base : Manifests.ofType(Deployment.class, Manifests.BASE)) {
            String name = base.getMetadata().getName();
            HorizontalPodAutoscaler hpa = autoscaler(name);
            int min = hpa.getSpec().getMinReplicas();
            for (HorizontalPodAutoscaler patch : Overlays.patchesFor(PRODUCTION, HorizontalPodAutoscaler.class, hpa)) {
                min = patch.getSpec().getMinReplicas() == null ? min : patch.getSpec().getMinReplicas();
            }
            assertThat(min).as("production minReplicas of %s's autoscaler", name).isGreaterThanOrEqualTo(2);
        }
    }

    /**
     * kubectl apply sets every field a manifest names: a replica count there would scale an autoscaled
     * Deployment back to it on each apply (at peak, from 10 pods to 3 at once).
     */
    @Test
    void noManifestNamesAReplicaCountTheAutoscalerOwns() {
        for (Deployment base : Manifests.ofType(Deployment.class, Manifests.BASE)) {
            String name = base.getMetadata().getName();
            autoscaler(name);
            assertThat(base.getSpec().getReplicas()).as("replicas of %s in the base", name).isNull();
            for (Path overlay : Manifests.overlays()) {
                assertThat(Overlays.patchesFor(overlay, Deployment.class, base)).as("%s patches of %s", overlay, name)
                        .allMatch(patch -> patch.getSpec() == null || patch.getSpec().getReplicas() == null);
                assertThat(Overlays.replicasField(overlay, name)).as("%s replicas field for %s", overlay, name).isEmpty();
            }
        }
    }

    @Test
    void everyServiceHasADisruptionBudgetAnAutoscalerAndSpreadsOverZonesAndNodes() {
        for (Deployment d : Manifests.ofType(Deployment.class, Manifests.BASE)) {
            String name = d.getMetadata().getName();
            assertThat(Manifests.ofType(PodDisruptionBudget.class, Manifests.BASE)).as("PDB of %s", name)
                    .anyMatch(pdb -> pdb.getSpec().getSelector().equals(d.getSpec().getSelector()));
            HorizontalPodAutoscaler hpa = autoscaler(name);
            assertThat(hpa.getSpec().getMaxReplicas()).isGreaterThan(hpa.getSpec().getMinReplicas());
            List<TopologySpreadConstraint> spread = d.getSpec().getTemplate().getSpec().getTopologySpreadConstraints();
            assertThat(spread).extracting(TopologySpreadConstraint::getTopologyKey).as("spread of %s", name)
                    .contains("topology.kubernetes.io/zone", "kubernetes.io/hostname");
            assertThat(spread).allMatch(c -> c.getLabelSelector().getMatchLabels()
                    .equals(d.getSpec().getSelector().getMatchLabels()));
        }
    }

    @Test
    void auditServiceNeverScalesPastTheReplicasTheAuthEventPartitionsKeepBusy() {
        int partitions = Manifests.ofType(KafkaTopic.class).stream()
                .filter(t -> t.getSpec().getTopicName().equals(AuthTopics.AUTH_EVENTS))
                .findFirst().orElseThrow().getSpec().getPartitions();
        // Each replica runs several consumers; consumers beyond the partition count sit idle in the group.
        int busy = partitions / Services.auditConsumersPerReplica();
        HorizontalPodAutoscaler hpa = autoscaler("audit-service");
        assertThat(hpa.getSpec().getMaxReplicas()).isLessThanOrEqualTo(busy);
        for (Path overlay : Manifests.overlays()) {
            assertThat(Overlays.patchesFor(overlay, HorizontalPodAutoscaler.class, hpa))
                    .allMatch(p -> p.getSpec().getMaxReplicas() == null || p.getSpec().getMaxReplicas() <= busy);
        }
    }

    private static HorizontalPodAutoscaler autoscaler(String deployment) {
        return Manifests.ofType(HorizontalPodAutoscaler.class, Manifests.BASE).stream()
                .filter(h -> h.getSpec().getScaleTargetRef().getKind().equals("Deployment")
                        && h.getSpec().getScaleTargetRef().getName().equals(deployment))
                .findFirst().orElseThrow(() -> new AssertionError("no autoscaler for " + deployment));
    }
}
