package com.agentwallex.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The JVM settings the RSS target was measured with (deploy/jvm-options, which bench/ also reads) are
 * the ones the Deployments run with.
 */
class JvmOptionsTest {

    private static final long RSS_TARGET_BYTES = 300L * 1000 * 1000;
    private static final Pattern COLLECTOR = Pattern.compile("-XX:\\+Use\\w+GC");

    @Test
    void everyDeploymentRunsItsServiceWithTheMeasuredJvmOptions() throws IOException {
        Map<String, String> options = jvmOptions();
        assertThat(options).containsOnlyKeys(Services.NAMES);
        for (String service : Services.NAMES) {
            Container c = Services.container(service);
            assertThat(env(c, "JAVA_OPTS_APPEND")).as(service)
                    .contains("-Djava.util.logging.manager=org.jboss.logmanager.LogManager " + options.get(service));
            // run-java.sh puts GC_CONTAINER_OPTIONS (parallel by default) first: two collectors stop the JVM.
            assertThat(env(c, "GC_CONTAINER_OPTIONS")).as(service).contains(collector(options.get(service)));
            assertThat(env(c, "MALLOC_ARENA_MAX")).as(service).contains("2");
            assertThat(env(c, "JAVA_MAX_MEM_RATIO")).as("%s: the heap is -Xmx, not a share of the limit", service).isEmpty();
        }
    }

    @Test
    void everyMemoryLimitLeavesRoomAboveTheRssTarget() {
        for (String service : Services.NAMES) {
            Quantity limit = Services.container(service).getResources().getLimits().get("memory");
            assertThat(Quantity.getAmountInBytes(limit).longValue()).as(service).isGreaterThan(RSS_TARGET_BYTES);
        }
    }

    private static Map<String, String> jvmOptions() throws IOException {
        Map<String, String> options = new HashMap<>();
        for (String line : Files.readAllLines(Manifests.REPO.resolve("deploy/jvm-options"))) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                String[] serviceAndOptions = trimmed.split("\\s+", 2);
                options.put(serviceAndOptions[0], serviceAndOptions[1].strip());
            }
        }
        return options;
    }

    private static String collector(String options) {
        Matcher m = COLLECTOR.matcher(options);
        assertThat(m.find()).as("a collector in %s", options).isTrue();
        String collector = m.group();
        assertThat(m.find()).as("one collector in %s", options).isFalse();
        return collector;
    }

    private static Optional<String> env(Container c, String name) {
        return c.getEnv().stream().filter(e -> e.getName().equals(name)).map(EnvVar::getValue).findFirst();
    }
}
