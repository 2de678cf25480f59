package com.agentwallex.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class PostgresTest {

    @Test
    void theClusterHoldsTheThreeDatabasesEachOwnedByItsServicesRole() {
        CnpgCluster cluster = cluster();
        Map<String, String> owners = new HashMap<>();
        owners.put(cluster.spec().bootstrap().initdb().database(), cluster.spec().bootstrap().initdb().owner());
        for (CnpgDatabase db : Manifests.ofType(CnpgDatabase.class, Manifests.BASE)) {
            assertThat(db.spec().cluster().name()).isEqualTo(cluster.metadata().getName());
            owners.put(db.spec().name(), db.spec().owner());
        }
        assertThat(owners).containsExactlyInAnyOrderEntriesOf(
                Map.of("awx_auth", "awx_auth", "awx_apikey", "awx_apikey", "awx_audit", "awx_audit_owner"));
        assertThat(cluster.spec().instances()).as("instances, for failover").isGreaterThanOrEqualTo(3);
        assertThat(cluster.spec().enableSuperuserAccess()).isFalse();
    }

    @Test
    void aSingleInstanceClusterHasNoDisruptionBudgetThatWouldBlockEveryNodeDrain() {
        for (Path overlay : Manifests.overlays()) {
            for (CnpgCluster cluster : Manifests.ofType(CnpgCluster.class, overlay)) {
                if (cluster.spec().instances() != null && cluster.spec().instances() == 1) {
                    assertThat(cluster.spec().enablePDB()).as("enablePDB of %s in %s", cluster.metadata().getName(), overlay)
                            .isFalse();
                }
            }
        }
    }

    @Test
    void everyServiceLogsInAsTheRoleWhosePasswordSecretItReads() {
        CnpgCluster cluster = cluster();
        Map<String, String> secretOfRole = new HashMap<>();
        secretOfRole.put(cluster.spec().bootstrap().initdb().owner(), cluster.spec().bootstrap().initdb().secret().name());
        cluster.spec().managed().roles().forEach(r -> secretOfRole.put(r.name(), r.passwordSecret().name()));
        Map<String, List<String>> userAndPassword = Map.of(
                "auth-service", List.of("AWX_AUTH_DB_USER", "AWX_AUTH_DB_PASSWORD"),
                "apikey-service", List.of("AWX_APIKEY_DB_USER", "AWX_APIKEY_DB_PASSWORD"),
                "audit-service", List.of("AWX_AUDIT_DB_USER", "AWX_AUDIT_DB_PASSWORD", "AWX_AUDIT_DB_OWNER_USER", "AWX_AUDIT_DB_OWNER_PASSWORD"));
        userAndPassword.forEach((service, vars) -> {
            Map<String, EnvVar> env = new HashMap<>();
            Services.container(service).getEnv().forEach(e -> env.put(e.getName(), e));
            for (int i = 0; i < vars.size(); i += 2) {
                String role = env.get(vars.get(i)).getValue();
                assertThat(env.get(vars.get(i + 1)).getValueFrom().getSecretKeyRef().getName())
                        .as("%s's password secret for role %s", service, role).isEqualTo(secretOfRole.get(role));
            }
        });
    }

    @Test
    void theAuditRuntimeRoleCanOnlyReadAndAppend() throws IOException {
        String runtimeUser = Services.container("audit-service").getEnv().stream()
                .filter(e -> e.getName().equals("AWX_AUDIT_DB_USER")).findFirst().orElseThrow().getValue();
        CnpgCluster.Role role = cluster().spec().managed().roles().stream()
                .filter(r -> r.name().equals(runtimeUser)).findFirst().orElseThrow();
        assertThat(List.of(role.superuser(), role.createdb(), role.createrole(), role.replication(), role.bypassrls()))
                .as("attributes of %s", runtimeUser).containsOnly(false);
        assertThat(role.inRoles()).as("%s inherits no other role's grants", runtimeUser).isNullOrEmpty();
        assertThat(Manifests.ofType(CnpgDatabase.class)).noneMatch(db -> runtimeUser.equals(db.spec().owner()));
        assertThat(cluster().spec().bootstrap().initdb().owner()).isNotEqualTo(runtimeUser);

        // What it may do on tables comes from audit-service's migrations, in order (a later REVOKE takes
        // back an earlier GRANT): SELECT and INSERT, never more.
        Pattern statement = Pattern.compile("(GRANT|REVOKE)\\s+(.+?)\\s+ON\\s+(?!SCHEMA\\b|FUNCTION\\b)(.+?)\\s+(?:TO|FROM)\\s+\\$\\{runtime_role}",
                Pattern.CASE_INSENSITIVE);
        try (Stream<Path> migrations = Files.list(Manifests.REPO.resolve("audit-service/src/main/resources/db/migration"))) {
            String sql = String.join("\n", migrations.sorted().map(PostgresTest::read).toList());
            Matcher m = statement.matcher(sql);
            java.util.Map<String, java.util.Set<String>> privileges = new java.util.TreeMap<>();
            while (m.find()) {
                java.util.Set<String> onTable = privileges.computeIfAbsent(m.group(3), t -> new java.util.TreeSet<>());
                List<String> named = List.of(m.group(2).toUpperCase().split("\\s*,\\s*"));
                if (m.group(1).equalsIgnoreCase("GRANT")) {
                    onTable.addAll(named);
                } else {
                    onTable.removeAll(named);
                }
            }
            assertThat(privileges).as("a table grant to the runtime role").isNotEmpty();
            privileges.forEach((table, granted) -> assertThat(granted).as("what the runtime role keeps on %s", table)
                    .isSubsetOf("SELECT", "INSERT"));
        }
    }

    /**
     * The runtime roles' passwords and every audit row cross the pod network: the database takes no
     * connection without TLS, and every service checks the server's certificate against the
     * cluster's CA (CloudNativePG's {@code <cluster>-ca} Secret) and its name, so no pod can pose as it.
     */
    @Test
    void theDatabaseTakesOnlyTlsAndEveryServiceVerifiesItsCertificateAgainstTheClustersCa() {
        CnpgCluster cluster = cluster();
        assertThat(cluster.spec().postgresql().pgHba()).contains("hostnossl all all all reject");
        Map<String, String> config = Manifests.ofType(io.fabric8.kubernetes.api.model.ConfigMap.class, Manifests.BASE).stream()
                .filter(c -> c.getMetadata().getName().equals("awx-config")).findFirst().orElseThrow().getData();
        assertThat(config).containsEntry("AWX_DB_SSL_MODE", "verify-full");
        Path rootCert = Path.of(config.get("AWX_DB_SSL_ROOT_CERT"));
        for (String service : Services.NAMES) {
            assertThat(Services.variablesRead(service)).as("%s reads", service).contains("AWX_DB_SSL_MODE", "AWX_DB_SSL_ROOT_CERT");
            var pod = Services.deployment(service).getSpec().getTemplate().getSpec();
            var mount = Services.container(service).getVolumeMounts().stream()
                    .filter(m -> Path.of(m.getMountPath()).equals(rootCert.getParent())).findFirst()
                    .orElseThrow(() -> new AssertionError(service + " mounts nothing at " + rootCert.getParent()));
            var volume = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst().orElseThrow();
            assertThat(volume.getSecret().getSecretName()).as("%s's CA", service).isEqualTo(cluster.metadata().getName() + "-ca");
            assertThat(volume.getSecret().getItems()).as("%s's CA file", service)
                    .anyMatch(i -> i.getKey().equals("ca.crt") && i.getPath().equals(rootCert.getFileName().toString()));
        }
    }

    private static CnpgCluster cluster() {
        return Manifests.ofType(CnpgCluster.class, Manifests.BASE).get(0);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
