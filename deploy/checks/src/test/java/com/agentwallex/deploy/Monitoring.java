package com.agentwallex.deploy;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.List;
import java.util.Map;

/**
 * The Prometheus Operator's {@code ServiceMonitor} and {@code PrometheusRule} (monitoring.coreos.com/v1),
 * only the fields our manifests use: as for {@link CnpgCluster}, records keep the parse strict without a
 * dependency for two kinds. A field added to components/observability must be added here, checked
 * against the operator's API reference.
 */
final class Monitoring {

    private Monitoring() {
    }

    record ServiceMonitor(String apiVersion, String kind, ObjectMeta metadata, ServiceMonitorSpec spec) {
    }

    record ServiceMonitorSpec(LabelSelector selector, List<Endpoint> endpoints) {
    }

    record Endpoint(String port, String path, String interval, String scrapeTimeout) {
    }

    record PrometheusRule(String apiVersion, String kind, ObjectMeta metadata, RuleSpec spec) {
    }

    record RuleSpec(List<RuleGroup> groups) {
    }

    record RuleGroup(String name, String interval, List<Rule> rules) {
    }

    /** {@code for} is a Java keyword: the component is {@code duration}. */
    record Rule(String alert, String record, String expr, @JsonProperty("for") String duration,
                Map<String, String> labels, Map<String, String> annotations) {
    }
}
