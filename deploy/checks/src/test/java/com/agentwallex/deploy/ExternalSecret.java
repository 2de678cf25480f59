package com.agentwallex.deploy;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.List;

/** The External Secrets Operator's {@code ExternalSecret} (external-secrets.io/v1): see {@link Monitoring} for why a record. */
record ExternalSecret(String apiVersion, String kind, ObjectMeta metadata, Spec spec) {

    record Spec(String refreshInterval, StoreRef secretStoreRef, Target target, List<Data> data) {
    }

    record StoreRef(String kind, String name) {
    }

    record Target(String name, String creationPolicy, Template template) {
    }

    record Template(String type) {
    }

    record Data(String secretKey, RemoteRef remoteRef) {
    }

    record RemoteRef(String key, String property) {
    }
}
