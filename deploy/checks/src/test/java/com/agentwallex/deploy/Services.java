package com.agentwallex.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The three services as the repository defines them, beside what the manifests make of them. */
final class Services {

    static final List<String> NAMES = List.of("auth-service", "apikey-service", "audit-service");

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(AWX_[A-Z0-9_]+)");
    private static final Pattern NO_DEFAULT = Pattern.compile("\\$\\{(AWX_[A-Z0-9_]+):?}");

    private Services() {
    }

    /** Environment variables the service reads outside its dev and test profiles. */
    static Set<String> variablesRead(String service) {
        return variables(service, VARIABLE);
    }

    /**
     * Those read with no default ({@code ${AWX_X}}, which stops the start when unset) or an empty one
     * ({@code ${AWX_X:}}): the service has no value of its own for them.
     */
    static Set<String> variablesWithoutDefault(String service) {
        return variables(service, NO_DEFAULT);
    }

    private static Set<String> variables(String service, Pattern variable) {
        try {
            Set<String> names = new LinkedHashSet<>();
            for (String line : Files.readAllLines(Manifests.REPO.resolve(service + "/src/main/resources/application.properties"))) {
                if (line.startsWith("%") || line.startsWith("#")) {
                    continue;
                }
                Matcher m = variable.matcher(line);
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * How many ingest consumers one audit-service replica runs (IngestConfig's default; no manifest
     * sets another, ServiceConfigurationTest sees to that): each holds partitions of its own.
     */
    static int auditConsumersPerReplica() {
        try {
            String config = Files.readString(Manifests.REPO.resolve(
                    "audit-service/src/main/java/com/agentwallex/audit/ingest/IngestConfig.java"));
            Matcher m = Pattern.compile("@WithDefault\\(\"(\\d+)\"\\)\\s+int consumers\\(\\)").matcher(config);
            if (!m.find()) {
                throw new AssertionError("IngestConfig has no default for consumers()");
            }
            return Integer.parseInt(m.group(1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The service's Deployment in the base. */
    static Deployment deployment(String service) {
        return Manifests.ofType(Deployment.class, Manifests.BASE).stream()
                .filter(d -> d.getMetadata().getName().equals(service)).findFirst()
                .orElseThrow(() -> new AssertionError("no Deployment " + service + " in the base"));
    }

    static Container container(String service) {
        return deployment(service).getSpec().getTemplate().getSpec().getContainers().get(0);
    }
}
