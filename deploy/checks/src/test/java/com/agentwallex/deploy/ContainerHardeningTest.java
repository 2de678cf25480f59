package com.agentwallex.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Objects;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/** Every container of every Deployment, base and overlays alike (a patch that adds one is checked too). */
class ContainerHardeningTest {

    @Test
    void everyContainerHasLivenessAndReadinessProbesOnAPathItsServerAnswers() {
        eachContainer(false, (pod, c) -> {
            if (Services.NAMES.contains(c.getName())) {
                // Flyway runs before the port opens: the startup probe waits for it, so liveness can be strict.
                assertThat(path(c.getStartupProbe())).as("%s startup", c.getName()).isEqualTo("/q/health/started");
                assertThat(path(c.getLivenessProbe())).as("%s liveness", c.getName()).isEqualTo("/q/health/live");
                assertThat(path(c.getReadinessProbe())).as("%s readiness", c.getName()).isEqualTo("/q/health/ready");
            } else {
                assertThat(c.getName()).as("a container that is neither a service nor the dashboard").isEqualTo(Dashboard.NAME);
                assertThat(path(c.getLivenessProbe())).as("dashboard liveness").isEqualTo(Dashboard.HEALTH_PATH);
                assertThat(path(c.getReadinessProbe())).as("dashboard readiness").isEqualTo(Dashboard.HEALTH_PATH);
            }
        });
    }

    @Test
    void everyContainerRequestsAndLimitsCpuAndMemory() {
        eachContainer(true, (pod, c) -> {
            assertThat(c.getResources().getRequests()).as("%s requests", c.getName()).containsKeys("cpu", "memory");
            assertThat(c.getResources().getLimits()).as("%s limits", c.getName()).containsKeys("cpu", "memory");
        });
    }

    @Test
    void everyContainerRunsAsNonRootWithAReadOnlyRootFilesystem() {
        eachContainer(true, (pod, c) -> {
            SecurityContext sc = c.getSecurityContext();
            PodSecurityContext psc = pod.getSecurityContext();
            assertThat(Objects.requireNonNullElse(sc.getRunAsNonRoot(), psc.getRunAsNonRoot())).as("%s runAsNonRoot", c.getName()).isTrue();
            assertThat(sc.getReadOnlyRootFilesystem()).as("%s readOnlyRootFilesystem", c.getName()).isTrue();
            // The JVM, Vert.x and nginx need a writable /tmp: an emptyDir, not the image.
            String tmp = c.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/tmp"))
                    .map(m -> m.getName()).findFirst().orElseThrow(() -> new AssertionError(c.getName() + " has no /tmp"));
            assertThat(pod.getVolumes()).filteredOn(v -> v.getName().equals(tmp)).extracting(Volume::getEmptyDir).doesNotContainNull();
        });
    }

    @Test
    void noContainerCanGainPrivilegesOrCallOutsideTheDefaultSeccompProfile() {
        eachContainer(true, (pod, c) -> {
            SecurityContext sc = c.getSecurityContext();
            assertThat(sc.getAllowPrivilegeEscalation()).as("%s allowPrivilegeEscalation", c.getName()).isFalse();
            assertThat(sc.getPrivileged()).as("%s privileged", c.getName()).isNotEqualTo(Boolean.TRUE);
            assertThat(sc.getCapabilities().getDrop()).as("%s drops", c.getName()).containsExactly("ALL");
            assertThat(sc.getCapabilities().getAdd()).as("%s adds", c.getName()).isNullOrEmpty();
            String seccomp = sc.getSeccompProfile() != null ? sc.getSeccompProfile().getType()
                    : pod.getSecurityContext().getSeccompProfile().getType();
            assertThat(seccomp).as("%s seccomp", c.getName()).isEqualTo("RuntimeDefault");
            assertThat(pod.getAutomountServiceAccountToken()).as("%s service account token", c.getName()).isFalse();
        });
    }

    private static String path(Probe probe) {
        return probe == null || probe.getHttpGet() == null ? null : probe.getHttpGet().getPath();
    }

    /** Init containers take part too, except where Kubernetes forbids (probes). */
    private static void eachContainer(boolean withInit, BiConsumer<PodSpec, Container> check) {
        var deployments = Manifests.ofType(Deployment.class);
        assertThat(deployments).isNotEmpty();
        for (Deployment d : deployments) {
            if (d.getSpec().getTemplate() == null) {
                continue; // a replicas-only patch carries no pod
            }
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            pod.getContainers().forEach(c -> check.accept(pod, c));
            if (withInit && pod.getInitContainers() != null) {
                pod.getInitContainers().forEach(c -> check.accept(pod, c));
            }
        }
    }
}
