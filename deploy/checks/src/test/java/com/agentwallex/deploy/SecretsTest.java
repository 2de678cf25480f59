package com.agentwallex.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SecretsTest {

    /** A name that says secret, or names a key outright (the audit checkpoint key is a private JWK). */
    private static final Pattern SECRET_LIKE = Pattern.compile("SECRET|PASSWORD|CREDENTIAL|TOKEN|PRIVATE|_KEY$");

    @Test
    void noSecretResourceCarriesALiteralValue() {
        for (Secret secret : Manifests.ofType(Secret.class)) {
            assertThat(secret.getData()).as("data of Secret %s", secret.getMetadata().getName()).isNullOrEmpty();
            assertThat(secret.getStringData()).as("stringData of Secret %s", secret.getMetadata().getName()).isNullOrEmpty();
        }
        for (ConfigMap config : Manifests.ofType(ConfigMap.class)) {
            assertThat(config.getData().keySet()).as("ConfigMap %s", config.getMetadata().getName())
                    .noneMatch(key -> SECRET_LIKE.matcher(key).find());
        }
    }

    @Test
    void everyEnvironmentVariableFromASecretUsesSecretKeyRef() {
        for (Container c : containers()) {
            assertThat(c.getEnvFrom()).as("%s envFrom", c.getName()).allMatch(from -> from.getSecretRef() == null);
            for (EnvVar env : c.getEnv()) {
                if (SECRET_LIKE.matcher(env.getName()).find() || env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
                    assertThat(env.getValue()).as("literal value of %s in %s", env.getName(), c.getName()).isNull();
                    assertThat(env.getValueFrom().getSecretKeyRef()).as("%s in %s", env.getName(), c.getName()).isNotNull();
                }
            }
        }
    }

    @Test
    void everySecretSettingAServiceReadsComesFromASecret() {
        for (String service : Services.NAMES) {
            Set<String> fromSecrets = new TreeSet<>();
            for (EnvVar env : Services.container(service).getEnv()) {
                if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
                    fromSecrets.add(env.getName());
                }
            }
            assertThat(fromSecrets).as(service).containsAll(Services.variablesRead(service).stream()
                    .filter(name -> SECRET_LIKE.matcher(name).find()).toList());
        }
    }

    @Test
    void everySecretTheManifestsNameIsDocumentedForTheOperatorWithItsKeys() throws IOException {
        Map<String, Set<String>> secrets = new TreeMap<>();
        for (Deployment d : Manifests.ofType(Deployment.class, Manifests.BASE)) {
            for (EnvVar env : d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()) {
                if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
                    key(secrets, env.getValueFrom().getSecretKeyRef().getName(), env.getValueFrom().getSecretKeyRef().getKey());
                }
            }
            d.getSpec().getTemplate().getSpec().getVolumes().stream().filter(v -> v.getSecret() != null)
                    .forEach(v -> v.getSecret().getItems().forEach(i -> key(secrets, v.getSecret().getSecretName(), i.getKey())));
        }
        for (Ingress ingress : Manifests.ofType(Ingress.class)) {
            ingress.getSpec().getTls().forEach(tls -> List.of("tls.crt", "tls.key").forEach(k -> key(secrets, tls.getSecretName(), k)));
        }
        for (CnpgCluster cluster : Manifests.ofType(CnpgCluster.class, Manifests.BASE)) {
            List.of("username", "password").forEach(k -> {
                key(secrets, cluster.spec().bootstrap().initdb().secret().name(), k);
                cluster.spec().managed().roles().forEach(r -> key(secrets, r.passwordSecret().name(), k));
            });
        }
        for (java.nio.file.Path overlay : Manifests.overlays()) {
            Manifests.ofType(CnpgCluster.class, overlay).stream().filter(c -> c.spec().backup() != null)
                    .map(c -> c.spec().backup().barmanObjectStore().s3Credentials())
                    .forEach(s3 -> List.of(s3.accessKeyId(), s3.secretAccessKey()).forEach(k -> key(secrets, k.name(), k.key())));
        }
        for (Keda.TriggerAuthentication auth : Manifests.ofType(Keda.TriggerAuthentication.class)) {
            auth.spec().secretTargetRef().forEach(ref -> key(secrets, ref.name(), ref.key()));
        }
        List<String> readme = Files.readAllLines(Manifests.REPO.resolve("deploy/README.md"));
        secrets.forEach((name, keys) -> {
            String row = readme.stream().filter(l -> l.startsWith("| `" + name + "` ")).findFirst()
                    .orElseThrow(() -> new AssertionError("deploy/README.md has no row for Secret " + name));
            assertThat(keys).as("keys of %s in deploy/README.md", name).allMatch(k -> row.contains("`" + k + "`"));
        });
    }

    private static void key(Map<String, Set<String>> secrets, String name, String key) {
        secrets.computeIfAbsent(name, n -> new TreeSet<>()).add(key);
    }

    private static List<Container> containers() {
        return Manifests.ofType(Deployment.class).stream().filter(d -> d.getSpec().getTemplate() != null)
                .flatMap(d -> d.getSpec().getTemplate().getSpec().getContainers().stream()).toList();
    }
}
