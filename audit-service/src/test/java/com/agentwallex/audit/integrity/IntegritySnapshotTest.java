package com.agentwallex.audit.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.agentwallex.audit.support.AuditApi;
import com.agentwallex.audit.support.ChainReader;
import com.agentwallex.common.testing.PostgresAdmin;
import com.agentwallex.common.testing.TestJwtKeys;
import com.agentwallex.common.testing.Tokens;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * An integrity answer is read in one snapshot: what commits while it is being read is in none of its parts.
 * The test holds the checkpoint table locked, so that the answer stops between reading the head and reading
 * the checkpoints, and commits a checkpoint beyond that head in the meantime.
 */
@QuarkusTest
@WithTestResource(value = TestJwtKeys.class, scope = TestResourceScope.GLOBAL)
class IntegritySnapshotTest {

    private final IntegrityService checkpoints;
    private final String ownerJdbcUrl;

    IntegritySnapshotTest(IntegrityService checkpoints,
                          @ConfigProperty(name = "quarkus.datasource.migration.jdbc.url") String ownerJdbcUrl) {
        this.checkpoints = checkpoints;
        this.ownerJdbcUrl = ownerJdbcUrl;
    }

    @Test
    void aCheckpointCommittedWhileAnAnswerIsReadIsNotInThatAnswer() throws Exception {
        String org = IntegrityFixture.orgWith(3);
        checkpoints.checkpoint();
        CompletableFuture<String> answer;
        try (Connection admin = PostgresAdmin.connect(ownerJdbcUrl)) {
            admin.setAutoCommit(false);
            try (Statement lock = admin.createStatement()) {
                lock.execute("LOCK TABLE audit_checkpoint IN ACCESS EXCLUSIVE MODE");
            }
            answer = CompletableFuture.supplyAsync(() -> AuditApi.as(Tokens.forOrg(org)).get(IntegrityFixture.INTEGRITY)
                    .then().statusCode(200).extract().asString());
            await().atMost(Duration.ofSeconds(30)).until(() -> readingCheckpointsBehindTheLock(admin));
            try (PreparedStatement later = admin.prepareStatement("INSERT INTO audit_checkpoint (org_id, seq, hash,"
                    + " signed_at, kid, jws) SELECT org_id, seq + 1, hash, now(), 'later', 'later' FROM audit_checkpoint"
                    + " WHERE org_id = ?")) {
                later.setString(1, org);
                assertThat(later.executeUpdate()).isEqualTo(1);
            }
            admin.commit();
        }

        JsonNode read = ChainReader.read(answer.get(30, TimeUnit.SECONDS));
        assertThat(read.get("head").get("seq").asLong()).isEqualTo(3);
        assertThat(read.get("latest_checkpoint").get("seq").asLong()).isEqualTo(3);
        assertThat(read.get("checkpoints")).extracting(c -> c.get("seq").asLong()).containsExactly(3L);
        assertThat(read.get("links")).hasSize(3);
        // Read again, the answer has the later checkpoint: it was hidden by the snapshot, not lost.
        assertThat(ChainReader.read(AuditApi.as(Tokens.forOrg(org)).get(IntegrityFixture.INTEGRITY).then()
                .statusCode(200).extract().asString()).get("latest_checkpoint").get("seq").asLong()).isEqualTo(4);
    }

    /** The answer's request is waiting for the lock on the checkpoints it reads after the head. */
    private static boolean readingCheckpointsBehindTheLock(Connection admin) throws Exception {
        try (PreparedStatement waiting = admin.prepareStatement("SELECT count(*) FROM pg_stat_activity"
                + " WHERE wait_event_type = 'Lock' AND query LIKE '%FROM audit_checkpoint WHERE org_id = $1 AND seq BETWEEN%'");
             ResultSet rows = waiting.executeQuery()) {
            rows.next();
            return rows.getInt(1) > 0;
        }
    }
}
