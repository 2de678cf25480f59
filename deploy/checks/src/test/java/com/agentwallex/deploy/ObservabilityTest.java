package com.agentwallex.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * components/observability: Prometheus scrapes every service where its metrics are, may reach them
 * through the NetworkPolicies and nowhere else, and every alert and dashboard query reads metrics the
 * services really export (deploy/exported-metrics, which each service's ExportedMetricsTest scrapes).
 */
class ObservabilityTest {

    private static final String COMPONENT = "observability";
    private static final Map<String, String> MONITORING_NAMESPACE = Map.of("kubernetes.io/metadata.name", "monitoring");
    private static final Map<String, String> PROMETHEUS_PODS = Map.of("app.kubernetes.io/name", "prometheus");
    /** The promises of issue 23 an operator is alerted on. */
    private static final Set<String> PROMISES = Set.of("VerifyLatencyP99High", "RefreshErrorRateHigh", "OutboxBacklogOld",
            "AuditIngestLagging", "AuditDeadLettersGrowing", "RevocationFollowerBehind");
    /** A metric selector: a name followed by its label matchers (every query here names its labels). */
    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{([^}]*)}");
    private static final Pattern JOB = Pattern.compile("\\bjob\\s*(=~|=)\\s*\"([^\"]*)\"");

    @Test
    void everyServiceIsScrapedAtQMetricsOnAPortOfItsService() {
        List<Monitoring.ServiceMonitor> monitors = Manifests.inComponent(Monitoring.ServiceMonitor.class, COMPONENT);
        for (String name : Services.NAMES) {
            Service service = service(name);
            List<Monitoring.ServiceMonitor> selecting = monitors.stream()
                    .filter(m -> selects(m.spec().selector().getMatchLabels(), service.getMetadata().getLabels())).toList();
            assertThat(selecting).as("ServiceMonitors selecting Service %s", name).hasSize(1);
            Set<String> ports = new TreeSet<>(service.getSpec().getPorts().stream().map(ServicePort::getName).toList());
            assertThat(selecting.get(0).spec().endpoints()).isNotEmpty().allSatisfy(e -> {
                assertThat(e.path()).isEqualTo("/q/metrics");
                assertThat(ports).as("ports of Service %s", name).contains(e.port());
            });
        }
        assertThat(monitors).as("one ServiceMonitor per service").hasSize(Services.NAMES.size());
    }

    @Test
    void theScraperReachesEachServiceFromTheMonitoringNamespaceOnlyAndOnlyOnTheScrapedPort() {
        List<NetworkPolicy> policies = Manifests.inComponent(NetworkPolicy.class, COMPONENT);
        for (String name : Services.NAMES) {
            Map<String, String> podLabels = Services.deployment(name).getSpec().getTemplate().getMetadata().getLabels();
            List<NetworkPolicy> selecting = policies.stream()
                    .filter(p -> selects(p.getSpec().getPodSelector().getMatchLabels(), podLabels)).toList();
            assertThat(selecting).as("scraper policies for %s", name).hasSize(1);
            int port = scrapedContainerPort(name);
            for (NetworkPolicyIngressRule rule : selecting.get(0).getSpec().getIngress()) {
                assertThat(rule.getFrom()).as("%s admits everyone", name).isNotEmpty()
                        .allMatch(ObservabilityTest::prometheusInTheMonitoringNamespace);
                assertThat(rule.getPorts()).isNotEmpty().allMatch(p -> new IntOrString(port).equals(p.getPort()));
            }
        }
        assertThat(policies).hasSize(Services.NAMES.size());
    }

    @Test
    void everyPromiseHasAnAlertWithASeverityASummaryAndAPendingPeriod() {
        List<Monitoring.Rule> alerts = alerts();
        assertThat(alerts).extracting(Monitoring.Rule::alert).containsAll(PROMISES).doesNotHaveDuplicates();
        assertThat(alerts).allSatisfy(a -> {
            assertThat(a.labels()).as(a.alert()).containsKey("severity");
            assertThat(a.labels().get("severity")).as(a.alert()).isIn("warning", "critical");
            assertThat(a.annotations()).as(a.alert()).containsKeys("summary", "description");
            assertThat(a.duration()).as("for of %s", a.alert()).matches("\\d+[smh]");
        });
    }

    @Test
    void alertsAndTheDashboardReadOnlyMetricsTheServicesExport() throws IOException {
        Map<String, Set<String>> exported = exported();
        assertThat(exported.keySet()).isSubsetOf(Services.NAMES);
        List<String> queries = new ArrayList<>();
        alerts().forEach(a -> queries.add(a.expr()));
        queries.addAll(dashboardQueries());
        assertThat(queries).hasSizeGreaterThan(PROMISES.size());
        for (String query : queries) {
            Matcher m = SELECTOR.matcher(query);
            int selectors = 0;
            while (m.find()) {
                selectors++;
                String metric = m.group(1);
                List<String> jobs = jobs(m.group(2));
                assertThat(Services.NAMES).as("jobs in %s", query).containsAll(jobs);
                if (jobs.isEmpty()) {
                    assertThat(exported.values()).as("%s is exported by some service (%s)", metric, query)
                            .anyMatch(names -> names.contains(metric));
                } else {
                    jobs.forEach(job -> assertThat(exported.get(job)).as("%s exports %s (%s)", job, metric, query)
                            .contains(metric));
                }
            }
            assertThat(selectors).as("selectors in %s", query).isPositive();
        }
    }

    @Test
    void theDashboardIsAConfigMapGrafanasSidecarLoads() throws IOException {
        ConfigMap dashboard = dashboard();
        assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        assertThat(dashboard.getData()).hasSize(1).allSatisfy((file, json) -> assertThat(file).endsWith(".json"));
        JsonNode root = new ObjectMapper().readTree(dashboard.getData().values().iterator().next());
        assertThat(root.path("uid").asText()).isNotBlank();
        assertThat(root.path("panels")).isNotEmpty();
    }

    @Test
    void everyOverlayIncludesTheComponent() {
        for (Path overlay : Manifests.overlays()) {
            assertThat(Manifests.kustomization(overlay).getComponents()).as("components of %s", overlay)
                    .contains("../../components/" + COMPONENT);
        }
    }

    /** service → the sample names deploy/exported-metrics lists for it. */
    static Map<String, Set<String>> exported() throws IOException {
        Map<String, Set<String>> names = new TreeMap<>();
        for (String line : Files.readAllLines(Manifests.REPO.resolve("deploy/exported-metrics"))) {
            String text = line.trim();
            if (!text.isEmpty() && !text.startsWith("#")) {
                String[] f = text.split("\\s+");
                assertThat(f).as(line).hasSize(2);
                names.computeIfAbsent(f[0], s -> new TreeSet<>()).add(f[1]);
            }
        }
        return names;
    }

    private static List<Monitoring.Rule> alerts() {
        return Manifests.inComponent(Monitoring.PrometheusRule.class, COMPONENT).stream()
                .flatMap(r -> r.spec().groups().stream()).flatMap(g -> g.rules().stream())
                .filter(r -> r.alert() != null).toList();
    }

    private static ConfigMap dashboard() {
        return Manifests.inComponent(ConfigMap.class, COMPONENT).stream()
                .filter(c -> c.getMetadata().getLabels() != null && c.getMetadata().getLabels().containsKey("grafana_dashboard"))
                .findFirst().orElseThrow(() -> new AssertionError("no dashboard ConfigMap"));
    }

    private static List<String> dashboardQueries() throws IOException {
        List<String> queries = new ArrayList<>();
        JsonNode root = new ObjectMapper().readTree(dashboard().getData().values().iterator().next());
        for (JsonNode panel : root.path("panels")) {
            assertThat(panel.path("targets")).as("targets of %s", panel.path("title")).isNotEmpty();
            panel.path("targets").forEach(t -> queries.add(t.path("expr").asText()));
        }
        return queries;
    }

    /** The jobs a selector's matchers name: one for job="x", the alternatives of job=~"x|y", none without. */
    private static List<String> jobs(String matchers) {
        Matcher job = JOB.matcher(matchers);
        if (!job.find()) {
            return List.of();
        }
        return job.group(1).equals("=") ? List.of(job.group(2)) : List.of(job.group(2).split("\\|"));
    }

    private static Service service(String name) {
        return Manifests.ofType(Service.class, Manifests.BASE).stream()
                .filter(s -> s.getMetadata().getName().equals(name)).findFirst().orElseThrow();
    }

    /** The container port behind the Service port the ServiceMonitor names. */
    private static int scrapedContainerPort(String name) {
        String portName = Manifests.inComponent(Monitoring.ServiceMonitor.class, COMPONENT).stream()
                .filter(m -> selects(m.spec().selector().getMatchLabels(), service(name).getMetadata().getLabels()))
                .findFirst().orElseThrow().spec().endpoints().get(0).port();
        ServicePort port = service(name).getSpec().getPorts().stream().filter(p -> p.getName().equals(portName))
                .findFirst().orElseThrow();
        IntOrString target = port.getTargetPort();
        return Services.container(name).getPorts().stream()
                .filter(p -> target.getStrVal() != null ? target.getStrVal().equals(p.getName())
                        : target.getIntVal().equals(p.getContainerPort()))
                .findFirst().orElseThrow().getContainerPort();
    }

    private static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        return selector != null && !selector.isEmpty() && labels.entrySet().containsAll(selector.entrySet());
    }

    private static boolean prometheusInTheMonitoringNamespace(NetworkPolicyPeer peer) {
        return peer.getIpBlock() == null && peer.getNamespaceSelector() != null
                && MONITORING_NAMESPACE.equals(peer.getNamespaceSelector().getMatchLabels())
                && peer.getNamespaceSelector().getMatchExpressions().isEmpty()
                && peer.getPodSelector() != null && PROMETHEUS_PODS.equals(peer.getPodSelector().getMatchLabels());
    }
}
