package com.agentwallex.deploy;

import io.fabric8.kubernetes.api.model.ObjectMeta;

/** CloudNativePG's {@code ScheduledBackup} (postgresql.cnpg.io/v1): see {@link CnpgCluster} for why a record. */
record CnpgScheduledBackup(String apiVersion, String kind, ObjectMeta metadata, Spec spec) {

    record Spec(String schedule, String backupOwnerReference, CnpgDatabase.ClusterRef cluster, String method,
                Boolean immediate) {
    }
}
