package com.agentwallex.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.kustomize.v1beta1.Kustomization;
import io.fabric8.kubernetes.api.model.kustomize.v1beta1.Patch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ManifestsParseTest {

    @Test
    void everyYamlDocumentUnderDeployKubernetesParsesIntoItsTypedModel() {
        // Manifests.all() fails on the first document it cannot type strictly.
        assertThat(Manifests.all()).extracting(d -> d.resource().getClass().getSimpleName())
                .contains("Deployment", "Service", "Ingress", "NetworkPolicy", "PodDisruptionBudget",
                        "HorizontalPodAutoscaler", "KafkaTopic", "CnpgCluster", "CnpgDatabase", "Kustomization",
                        "Kafka", "KafkaNodePool", "CnpgScheduledBackup", "ServiceMonitor", "PrometheusRule",
                        "ScaledObject", "TriggerAuthentication", "ExternalSecret", "Deletion");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec: {replica: 2}",
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec: {template: {spec: {containers: "
                    + "[{name: x, securityContext: {readOnlyRootFileSystem: true}}]}}}",
            "apiVersion: kafka.strimzi.io/v1beta2\nkind: KafkaTopic\nmetadata: {name: x}\nspec: {partition: 3}",
            "apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata: {name: x}\nspec: {instance: 3}",
            "apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata: {name: x}\nspec: {backup: {barmanObjectStore: {destinationpath: s3://x}}}",
            "apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: {name: x}\nspec: {endpoints: [{port: http, pth: /q/metrics}]}",
            "apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata: {name: x}\nspec: {groups: [{name: g, rules: [{alert: a, expr: up, fro: 5m}]}]}",
            "apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata: {name: x}\nspec: {maxReplicas: 3}",
            "apiVersion: external-secrets.io/v1beta1\nkind: ExternalSecret\nmetadata: {name: x}\nspec: {target: {nam: x}}",
            "apiVersion: kafka.strimzi.io/v1beta2\nkind: KafkaNodePool\nmetadata: {name: x}\nspec: {replica: 3}",
            "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: x}\n$patch: delete\nspec: {}",
            "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresource: [a.yaml]",
            "apiVersion: v1\nkind: Secrets\nmetadata: {name: x}"})
    void aFieldOrKindNoModelKnowsFailsTheParse(String yaml) {
        assertThatThrownBy(() -> Manifests.typed(Manifests.YAML.readTree(yaml), "inline"))
                .isInstanceOfAny(IOException.class, IllegalArgumentException.class)
                .hasMessageFindingMatch("Unrecognized field|no typed model");
    }

    @Test
    void everyYamlFileIsPartOfSomeKustomizationAndEveryReferenceExists() throws IOException {
        Set<Path> referenced = new HashSet<>();
        try (Stream<Path> files = Files.walk(Manifests.ROOT)) {
            for (Path file : files.filter(f -> f.getFileName().toString().equals("kustomization.yaml")).toList()) {
                Path dir = file.getParent();
                Kustomization k = Manifests.kustomization(dir);
                referenced.add(file);
                List<String> children = new java.util.ArrayList<>(k.getResources() == null ? List.of() : k.getResources());
                children.addAll(k.getComponents() == null ? List.of() : k.getComponents());
                for (String resource : children) {
                    Path target = dir.resolve(resource).normalize();
                    assertThat(Files.isRegularFile(target) || Files.isRegularFile(target.resolve("kustomization.yaml")))
                            .as("%s lists %s", file, resource).isTrue();
                    referenced.add(target);
                }
                for (Patch patch : k.getPatches() == null ? List.<Patch>of() : k.getPatches()) {
                    if (patch.getPath() != null) {
                        Path target = dir.resolve(patch.getPath()).normalize();
                        assertThat(target).as("%s patches with %s", file, patch.getPath()).isRegularFile();
                        referenced.add(target);
                    } else {
                        JsonNode ops = Manifests.YAML.readTree(patch.getPatch());
                        assertThat(ops.isArray()).as("inline patch in %s is a JSON 6902 list", file).isTrue();
                    }
                }
            }
        }
        try (Stream<Path> files = Files.walk(Manifests.ROOT)) {
            assertThat(files.filter(Manifests::isYaml).map(Path::normalize))
                    .as("YAML files no kustomization uses (kubectl apply -k would silently skip them)")
                    .allMatch(referenced::contains);
        }
    }
}
