package com.agentwallex.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The manifests set what the services read (application.properties), under the names they read it. */
class ServiceConfigurationTest {

    /** Read by the image's run-java.sh and by glibc, not by the service (JvmOptionsTest checks them). */
    private static final Set<String> JVM_RUNTIME_VARIABLES = Set.of("MALLOC_ARENA_MAX", "GC_CONTAINER_OPTIONS");

    @Test
    void everyVariableADeploymentSetsIsOneItsServiceReads() {
        Map<String, Set<String>> readersOfConfigMap = new HashMap<>();
        for (String service : Services.NAMES) {
            Set<String> read = Services.variablesRead(service);
            Container c = Services.container(service);
            assertThat(c.getEnv()).extracting(EnvVar::getName)
                    .filteredOn(name -> !name.startsWith("JAVA_") && !JVM_RUNTIME_VARIABLES.contains(name))
                    .as("variables %s's Deployment sets", service)
                    .allMatch(read::contains);
            for (EnvFromSource from : c.getEnvFrom()) {
                readersOfConfigMap.computeIfAbsent(from.getConfigMapRef().getName(), n -> new HashSet<>()).addAll(read);
            }
        }
        for (ConfigMap config : Manifests.ofType(ConfigMap.class, Manifests.BASE)) {
            Set<String> read = readersOfConfigMap.get(config.getMetadata().getName());
            assertThat(read).as("a Deployment takes ConfigMap %s", config.getMetadata().getName()).isNotNull();
            assertThat(config.getData().keySet()).as("keys of ConfigMap %s", config.getMetadata().getName()).allMatch(read::contains);
        }
    }

    /** Read with an empty default, and optional by design: a feature that is off until given a value. */
    private static final Set<String> OPTIONAL = Set.of(
            "AWX_AUTH_PREVIOUS_PUBLIC_KEY_FILE", "AWX_AUDIT_CHECKPOINT_PREVIOUS_KEYS", // only during a key rotation
            "AWX_AGENT_AUDIENCES", "AWX_BILLING_SERVICE_CREDENTIALS",
            "AWX_AUTH_SIGNING_KEY_ID", "AWX_AUTH_PREVIOUS_SIGNING_KEY_ID"); // the keys' thumbprints by default

    @Test
    void everyVariableAServiceHasNoValueOfItsOwnForIsSetByItsDeployment() {
        for (String service : Services.NAMES) {
            Container c = Services.container(service);
            Set<String> set = new HashSet<>();
            c.getEnv().forEach(variable -> set.add(variable.getName()));
            for (EnvFromSource from : c.getEnvFrom()) {
                Manifests.ofType(ConfigMap.class, Manifests.BASE).stream()
                        .filter(config -> config.getMetadata().getName().equals(from.getConfigMapRef().getName()))
                        .forEach(config -> set.addAll(config.getData().keySet()));
            }
            assertThat(Services.variablesWithoutDefault(service)).as("variables %s reads with no default", service)
                    .filteredOn(name -> !OPTIONAL.contains(name))
                    .isSubsetOf(set);
        }
    }

    @Test
    void overlaysOnlyChangeSettingsTheBaseDefines() {
        for (Path overlay : Manifests.overlays()) {
            for (ConfigMap base : Manifests.ofType(ConfigMap.class, Manifests.BASE)) {
                for (ConfigMap patch : Overlays.patchesFor(overlay, ConfigMap.class, base)) {
                    assertThat(base.getData()).as("%s patch of %s", overlay.getFileName(), base.getMetadata().getName())
                            .containsKeys(patch.getData().keySet().toArray(String[]::new));
                }
            }
        }
    }

    /**
     * Whoever sends from a trusted range may name the client (X-Forwarded-For), and so pass IP
     * allowlists and failure limits as anyone: in the base and in every overlay, no range holds more
     * than a /24's 256 addresses (an IPv6 /64 is far wider, though its prefix is longer).
     */
    @Test
    void onlyANarrowProxyRangeMayNameTheClient() {
        ConfigMap base = Manifests.ofType(ConfigMap.class, Manifests.BASE).stream()
                .filter(c -> c.getMetadata().getName().equals("awx-config")).findFirst().orElseThrow();
        Map<String, String> ranges = new HashMap<>();
        ranges.put("base", base.getData().get("AWX_TRUSTED_PROXIES"));
        for (Path overlay : Manifests.overlays()) {
            Overlays.patchesFor(overlay, ConfigMap.class, base).stream()
                    .map(patch -> patch.getData().get("AWX_TRUSTED_PROXIES")).filter(java.util.Objects::nonNull)
                    .forEach(value -> ranges.put(overlay.getFileName().toString(), value));
        }
        ranges.forEach((where, value) -> {
            for (String entry : value.split(",")) {
                IPAddress range = new IPAddressString(entry.trim()).getAddress();
                assertThat(range).as("trusted proxy range %s of %s", entry, where).isNotNull();
                assertThat(range.toPrefixBlock().getCount()).as("addresses in trusted proxy range %s of %s", entry, where)
                        .isLessThanOrEqualTo(BigInteger.valueOf(256));
            }
        });
    }

    /**
     * A web app that signs in without PKCE and gets no state back has nothing tying a code to its own
     * browser: an attacker's code carried to a victim's callback signs the victim in as the attacker
     * (login CSRF, RFC 9700 4.7). So every callback the base or an overlay allows must require PKCE.
     */
    @Test
    void everyAllowedReturnToRequiresPkce() {
        ConfigMap base = Manifests.ofType(ConfigMap.class, Manifests.BASE).stream()
                .filter(c -> c.getMetadata().getName().equals("auth-service-config")).findFirst().orElseThrow();
        Map<String, Map<String, String>> configs = new HashMap<>();
        configs.put("base", base.getData());
        for (Path overlay : Manifests.overlays()) {
            Map<String, String> merged = new HashMap<>(base.getData());
            Overlays.patchesFor(overlay, ConfigMap.class, base).forEach(patch -> merged.putAll(patch.getData()));
            configs.put(overlay.getFileName().toString(), merged);
        }
        configs.forEach((where, data) -> assertThat(Set.of(data.get("AWX_PKCE_REQUIRED_FOR").split(",")))
                .as("AWX_PKCE_REQUIRED_FOR of %s", where)
                .containsAll(Set.of(data.get("AWX_RETURN_TO_ALLOWLIST").split(","))));
    }

    @Test
    void everyOverlayAcceptsAndCreatesOnlyItsOwnEnvironmentsKeys() {
        ConfigMap base = Manifests.ofType(ConfigMap.class, Manifests.BASE).stream()
                .filter(c -> c.getMetadata().getName().equals("awx-config")).findFirst().orElseThrow();
        for (Path overlay : Manifests.overlays()) {
            for (String variable : List.of("AWX_REQUIRED_ENVIRONMENT", "AWX_KEY_ENVIRONMENTS")) {
                String environment = Overlays.patchesFor(overlay, ConfigMap.class, base).stream()
                        .map(patch -> patch.getData().get(variable)).filter(java.util.Objects::nonNull)
                        .findFirst().orElse(null);
                assertThat(environment).as("%s of overlay %s", variable, overlay.getFileName())
                        .isEqualTo(overlay.getFileName().toString());
            }
        }
    }

    @Test
    void everyServiceListensOnItsSpecPortAndIsProbedThere() {
        Map<String, Integer> ports = Map.of("auth-service", 8081, "apikey-service", 8082, "audit-service", 8083);
        ports.forEach((service, port) -> {
            Container c = Services.container(service);
            assertThat(c.getPorts()).as(service).singleElement()
                    .satisfies(p -> assertThat(p.getContainerPort()).isEqualTo(port))
                    .satisfies(p -> assertThat(p.getName()).isEqualTo("http"));
            assertThat(c.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
        });
    }
}
