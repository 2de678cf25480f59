package com.agentwallex.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every overlay archives PostgreSQL's WAL and takes scheduled base backups, each environment to a
 * place of its own, and the README tells how to restore one into a second cluster.
 */
class BackupTest {

    @Test
    void everyOverlayArchivesWalToItsOwnPlaceWithDocumentedCredentials() throws IOException {
        Set<String> destinations = new HashSet<>();
        for (Path overlay : Manifests.overlays()) {
            CnpgCluster patch = Manifests.ofType(CnpgCluster.class, overlay).stream()
                    .filter(c -> c.metadata().getName().equals(cluster().metadata().getName())).findFirst()
                    .orElseThrow(() -> new AssertionError(overlay + " patches no awx-postgres"));
            CnpgCluster.Backup backup = patch.spec().backup();
            assertThat(backup).as("backup of %s", overlay).isNotNull();
            assertThat(backup.retentionPolicy()).matches("\\d+[dwm]");
            CnpgCluster.BarmanObjectStore store = backup.barmanObjectStore();
            assertThat(destinations.add(store.destinationPath())).as("%s shares %s", overlay, store.destinationPath()).isTrue();
            assertThat(store.wal().compression()).isNotBlank();
            for (CnpgCluster.SecretKeySelector key : List.of(store.s3Credentials().accessKeyId(), store.s3Credentials().secretAccessKey())) {
                ExternalSecretsTest.Row row = ExternalSecretsTest.table().get(key.name());
                assertThat(row).as("deploy/README.md's row for %s", key.name()).isNotNull();
                assertThat(row.keys()).contains(key.key());
            }
        }
    }

    @Test
    void everyOverlaySchedulesBaseBackupsOfTheCluster() {
        for (Path overlay : Manifests.overlays()) {
            List<CnpgScheduledBackup> scheduled = Manifests.ofType(CnpgScheduledBackup.class, overlay);
            assertThat(scheduled).as("ScheduledBackups of %s", overlay).isNotEmpty().allSatisfy(b -> {
                assertThat(b.spec().cluster().name()).isEqualTo(cluster().metadata().getName());
                assertThat(b.spec().method()).isEqualTo("barmanObjectStore");
                // CloudNativePG's schedule has six fields, seconds first: five would run every minute's second
                assertThat(b.spec().schedule().trim().split("\\s+")).hasSize(6);
            });
        }
    }

    @Test
    void theReadmeRestoresABackupIntoASecondCluster() throws IOException {
        String readme = Files.readString(Manifests.REPO.resolve("deploy/README.md"));
        assertThat(readme).contains("bootstrap:", "recovery:", "externalClusters:", "barmanObjectStore:");
    }

    private static CnpgCluster cluster() {
        return Manifests.ofType(CnpgCluster.class, Manifests.BASE).get(0);
    }
}
