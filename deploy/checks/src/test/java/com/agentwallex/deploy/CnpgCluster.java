package com.agentwallex.deploy;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.List;
import java.util.Map;

/**
 * CloudNativePG's {@code Cluster} (postgresql.cnpg.io/v1), only the fields our manifests use: no
 * Java model of CNPG's CRDs is published on Maven Central. Unknown fields fail the parse, so a field
 * added to postgres.yaml must be added here, checked against CNPG's API reference.
 */
record CnpgCluster(String apiVersion, String kind, ObjectMeta metadata, Spec spec) {

    record Spec(Integer instances, String imageName, String primaryUpdateStrategy, Boolean enableSuperuserAccess,
                Postgresql postgresql, Bootstrap bootstrap, Managed managed, Storage storage, Storage walStorage,
                ResourceRequirements resources, Affinity affinity, Backup backup, Boolean enablePDB) {
    }

    record Backup(String retentionPolicy, BarmanObjectStore barmanObjectStore) {
    }

    record BarmanObjectStore(String destinationPath, String endpointURL, S3Credentials s3Credentials,
                             WalBackup wal, DataBackup data) {
    }

    record S3Credentials(SecretKeySelector accessKeyId, SecretKeySelector secretAccessKey) {
    }

    record SecretKeySelector(String name, String key) {
    }

    record WalBackup(String compression, Integer maxParallel) {
    }

    record DataBackup(String compression, Integer jobs) {
    }

    record Postgresql(Map<String, String> parameters, @JsonProperty("pg_hba") List<String> pgHba) {
    }

    record Bootstrap(InitDb initdb) {
    }

    record InitDb(String database, String owner, LocalObjectReference secret) {
    }

    record Managed(List<Role> roles) {
    }

    record Role(String name, String ensure, String comment, Boolean login, Boolean superuser, Boolean createdb,
                Boolean createrole, Boolean inherit, Boolean replication, Boolean bypassrls, Integer connectionLimit,
                List<String> inRoles, LocalObjectReference passwordSecret) {
    }

    record Storage(String size, String storageClass) {
    }

    record Affinity(Boolean enablePodAntiAffinity, String topologyKey, String podAntiAffinityType) {
    }

    record LocalObjectReference(String name) {
    }
}
