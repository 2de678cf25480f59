package com.agentwallex.deploy;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.ClassIntrospector;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.kustomize.v1beta1.Kustomization;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Every YAML document under deploy/kubernetes, parsed into the class its apiVersion and kind name.
 * A field the class does not know fails the parse: fabric8's and Strimzi's models would otherwise
 * keep it in an "additional properties" map, and a misspelt securityContext field would pass every
 * check below while Kubernetes ignored it.
 */
final class Manifests {

    /** One parsed document: where it came from, and the typed resource. */
    record Document(Path file, Object resource) {
    }

    static final Path REPO = findRepo();
    static final Path ROOT = REPO.resolve("deploy/kubernetes");
    static final Path BASE = ROOT.resolve("base");
    static final Path COMPONENTS = ROOT.resolve("components");

    private static final Map<String, Class<?>> TYPES = Map.ofEntries(
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaTopic", KafkaTopic.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaUser", KafkaUser.class),
            Map.entry("kafka.strimzi.io/v1beta2/Kafka", Kafka.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaNodePool", KafkaNodePool.class),
            Map.entry("postgresql.cnpg.io/v1/Cluster", CnpgCluster.class),
            Map.entry("postgresql.cnpg.io/v1/Database", CnpgDatabase.class),
            Map.entry("postgresql.cnpg.io/v1/ScheduledBackup", CnpgScheduledBackup.class),
            Map.entry("monitoring.coreos.com/v1/ServiceMonitor", Monitoring.ServiceMonitor.class),
            Map.entry("monitoring.coreos.com/v1/PrometheusRule", Monitoring.PrometheusRule.class),
            Map.entry("keda.sh/v1alpha1/ScaledObject", Keda.ScaledObject.class),
            Map.entry("keda.sh/v1alpha1/TriggerAuthentication", Keda.TriggerAuthentication.class),
            Map.entry("external-secrets.io/v1/ExternalSecret", ExternalSecret.class),
            Map.entry("kustomize.config.k8s.io/v1beta1/Kustomization", Kustomization.class),
            // a component's kustomization.yaml: the same fields
            Map.entry("kustomize.config.k8s.io/v1alpha1/Component", Kustomization.class));

    static final ObjectMapper YAML = strictMapper();

    private static List<Document> all;

    private Manifests() {
    }

    static synchronized List<Document> all() {
        if (all == null) {
            try (Stream<Path> files = Files.walk(ROOT)) {
                List<Document> docs = new ArrayList<>();
                for (Path file : files.filter(Manifests::isYaml).sorted().toList()) {
                    docs.addAll(parse(file));
                }
                all = List.copyOf(docs);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return all;
    }

    static <T> List<T> ofType(Class<T> type) {
        return all().stream().map(Document::resource).filter(type::isInstance).map(type::cast).toList();
    }

    /** Resources of one type from files directly inside {@code dir} (base, or one overlay). */
    static <T> List<T> ofType(Class<T> type, Path dir) {
        return all().stream().filter(d -> d.file().getParent().equals(dir))
                .map(Document::resource).filter(type::isInstance).map(type::cast).toList();
    }

    /** Resources of one type from files directly inside {@code components/<name>}. */
    static <T> List<T> inComponent(Class<T> type, String name) {
        return ofType(type, COMPONENTS.resolve(name));
    }

    static Kustomization kustomization(Path dir) {
        return ofType(Kustomization.class, dir).get(0);
    }

    static List<Path> overlays() {
        try (Stream<Path> dirs = Files.list(ROOT.resolve("overlays"))) {
            return dirs.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean isYaml(Path file) {
        String name = file.getFileName().toString();
        return Files.isRegularFile(file) && (name.endsWith(".yaml") || name.endsWith(".yml"));
    }

    static List<Document> parse(Path file) throws IOException {
        List<Document> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> nodes = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (nodes.hasNext()) {
                JsonNode node = nodes.next();
                if (node != null && !node.isNull() && !node.isEmpty()) {
                    docs.add(new Document(file, typed(node, file + " #" + (docs.size() + 1))));
                }
            }
        }
        return docs;
    }

    static Object typed(JsonNode node, String where) throws IOException {
        String kind = node.path("apiVersion").asText() + "/" + node.path("kind").asText();
        Class<?> type = node.has("$patch") ? Deletion.class : TYPES.get(kind);
        if (type == null) {
            throw new IllegalArgumentException(where + ": no typed model for " + kind);
        }
        try {
            Object typed = YAML.treeToValue(node, type);
            if (typed instanceof Deletion deletion && !"delete".equals(deletion.patch())) {
                throw new IllegalArgumentException(where + ": $patch " + deletion.patch() + " is not a deletion");
            }
            return typed;
        } catch (JsonProcessingException e) {
            throw new IOException(where + " (" + kind + "): " + e.getMessage(), e);
        }
    }

    private static ObjectMapper strictMapper() {
        YAMLMapper mapper = YAMLMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .build();
        // Every class gets the mix-in; it only changes classes that have such an any-setter.
        mapper.setMixInResolver(new ClassIntrospector.MixInResolver() {
            @Override
            public Class<?> findMixInClassFor(Class<?> cls) {
                return NoAdditionalProperties.class;
            }

            @Override
            public ClassIntrospector.MixInResolver copy() {
                return this;
            }
        });
        return mapper;
    }

    /** Switches off the catch-all setter of fabric8's and Strimzi's models. */
    abstract static class NoAdditionalProperties {
        @JsonAnySetter(enabled = false)
        abstract void setAdditionalProperty(String name, Object value);
    }

    private static Path findRepo() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("deploy/kubernetes"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("deploy/kubernetes not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
