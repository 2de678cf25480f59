package com.agentwallex.deploy;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBehavior;
import java.util.List;
import java.util.Map;

/** KEDA's {@code ScaledObject} and {@code TriggerAuthentication} (keda.sh/v1alpha1): see {@link Monitoring} for why records. */
final class Keda {

    private Keda() {
    }

    record ScaledObject(String apiVersion, String kind, ObjectMeta metadata, ScaledObjectSpec spec) {
    }

    record ScaledObjectSpec(TargetRef scaleTargetRef, Integer minReplicaCount, Integer maxReplicaCount,
                            Integer pollingInterval, Integer cooldownPeriod, Advanced advanced, List<Trigger> triggers) {
    }

    record TargetRef(String apiVersion, String kind, String name) {
    }

    record Advanced(HpaConfig horizontalPodAutoscalerConfig) {
    }

    record HpaConfig(String name, HorizontalPodAutoscalerBehavior behavior) {
    }

    record Trigger(String type, Map<String, String> metadata, AuthRef authenticationRef) {
    }

    record AuthRef(String name, String kind) {
    }

    record TriggerAuthentication(String apiVersion, String kind, ObjectMeta metadata, AuthSpec spec) {
    }

    record AuthSpec(List<EnvParameter> env, List<SecretParameter> secretTargetRef) {
    }

    record EnvParameter(String parameter, String name, String containerName) {
    }

    record SecretParameter(String parameter, String name, String key) {
    }
}
