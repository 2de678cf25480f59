package com.agentwallex.audit.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.agentwallex.audit.support.ChainReader;
import com.agentwallex.audit.support.TestEvents;
import com.agentwallex.audit.support.TestKafka;
import com.agentwallex.audit.verifier.EventChain;
import com.agentwallex.audit.verifier.VerificationReport;
import com.agentwallex.common.testing.PostgresAdmin;
import com.agentwallex.common.testing.TestJwtKeys;
import com.agentwallex.common.testing.Tokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The database superuser can do anything to the stored rows; the tenant's offline check still
 * finds it, and names where. Every case: 10 events, a signed checkpoint, then the tampering.
 */
@QuarkusTest
@WithTestResource(value = TestJwtKeys.class, scope = TestResourceScope.GLOBAL)
class TamperDetectionTest {

    private final IntegrityService checkpoints;
    private final String ownerJdbcUrl;

    TamperDetectionTest(IntegrityService checkpoints,
                        @ConfigProperty(name = "quarkus.datasource.migration.jdbc.url") String ownerJdbcUrl) {
        this.checkpoints = checkpoints;
        this.ownerJdbcUrl = ownerJdbcUrl;
    }

    private String signedOrgWith(int n) {
        String org = IntegrityFixture.orgWith(n);
        checkpoints.checkpoint();
        return org;
    }

    private void asSuperuser(String sql, Object... args) throws Exception {
        try (Connection db = PostgresAdmin.connect(ownerJdbcUrl);
             PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            statement.executeUpdate();
        }
    }

    /** A signed log of 10 events, tampered with by {@code sql} (its one parameter: the organization), then verified. */
    private VerificationReport tamperedAndVerified(String sql) throws Exception {
        String org = signedOrgWith(10);
        asSuperuser(sql, org);
        VerificationReport report = IntegrityFixture.verify(org, IntegrityFixture.export(org));
        assertThat(report.intact()).as(report.toString()).isFalse();
        return report;
    }

    @Test
    void anUntouchedLogOf100000EventsVerifies() {
        String org = signedOrgWith(100_000);
        long t0 = System.nanoTime();
        String export = IntegrityFixture.export(org);
        long t1 = System.nanoTime();
        VerificationReport report = IntegrityFixture.verify(org, export);
        long t2 = System.nanoTime();
        // Figures for bench/README.md (one run, shared 2-core machine): export over HTTP, verify in-process.
        System.out.printf("audit export: %d events in %.2f s (%.0f/s); verify %.2f s (%.0f/s)%n", report.events(),
                (t1 - t0) / 1e9, report.events() / ((t1 - t0) / 1e9), (t2 - t1) / 1e9, report.events() / ((t2 - t1) / 1e9));
        assertThat(report.intact()).as(report.toString()).isTrue();
        assertThat(report.events()).isGreaterThanOrEqualTo(100_000);
        assertThat(report.checkpoints()).isPositive();
    }

    @Test
    void aChangedEventIsDetectedAtItsSeq() throws Exception {
        VerificationReport report = tamperedAndVerified("UPDATE audit_event SET actor_id = 'usr_mallory' WHERE org_id = ? AND seq = 5");
        assertThat(report.brokenAt()).isEqualTo(5);
        assertThat(report.problem()).contains("changed");
    }

    @Test
    void aDeletedEventIsDetectedAtItsSeq() throws Exception {
        VerificationReport report = tamperedAndVerified("DELETE FROM audit_event WHERE org_id = ? AND seq = 5");
        assertThat(report.brokenAt()).isEqualTo(5);
        assertThat(report.problem()).contains("removed");
    }

    @Test
    void aDeletedLastEventIsDetectedByTheCheckpointThatVouchedForIt() throws Exception {
        VerificationReport report = tamperedAndVerified("DELETE FROM audit_event WHERE org_id = ? AND seq = 10");
        assertThat(report.brokenAt()).isEqualTo(10);
    }

    @Test
    void anInsertedEventIsDetectedAtItsSeq() throws Exception {
        VerificationReport report = tamperedAndVerified("""
                INSERT INTO audit_event (event_id, occurred_at, org_id, type, source, subject, actor_type, actor_id, outcome,
                                         client_ip, details, seq, prev_hash, hash, retention_class, retained_at)
                SELECT gen_random_uuid(), occurred_at, org_id, 'auth.login.succeeded', source, subject, actor_type,
                       'usr_mallory', outcome, client_ip, details, seq, prev_hash, hash, retention_class, retained_at
                FROM audit_event WHERE org_id = ? AND seq = 6
                """);
        assertThat(report.brokenAt()).isEqualTo(6);
    }

    @Test
    void twoReorderedEventsAreDetectedAtTheFirstOfThem() throws Exception {
        VerificationReport report = tamperedAndVerified("UPDATE audit_event SET seq = CASE seq WHEN 4 THEN 5 ELSE 4 END WHERE org_id = ? AND seq IN (4, 5)");
        assertThat(report.brokenAt()).isEqualTo(4);
    }

    /** The hardest case: the event changed and every later link recomputed. Only the signature can tell. */
    @Test
    void aRewrittenChainIsCaughtByTheSignedCheckpoint() throws Exception {
        String org = signedOrgWith(10);
        rewriteFromSeq5(org);
        VerificationReport report = IntegrityFixture.verify(org, IntegrityFixture.export(org));
        assertThat(report.intact()).isFalse();
        assertThat(report.brokenAt()).as(report.toString()).isEqualTo(10);
        assertThat(report.problem()).contains("signed checkpoint");
    }

    /** And the service never signs over a rewrite: its next checkpoint would vouch for the forged chain. */
    @Test
    void aRewrittenChainIsNeverSignedOverEvenWhenItsHeadMovesOn() throws Exception {
        String org = signedOrgWith(10);
        byte[] forgedHead = rewriteFromSeq5(org);
        asSuperuser("UPDATE audit_chain_head SET hash = ? WHERE org_id = ?", forgedHead, org);
        TestKafka.publish(List.of(TestEvents.event(org)));
        await().atMost(Duration.ofSeconds(30)).until(() -> !ChainReader.after(Tokens.forOrg(org), 10, Map.of()).isEmpty());

        checkpoints.checkpoint();

        try (Connection db = PostgresAdmin.connect(ownerJdbcUrl);
             PreparedStatement newest = db.prepareStatement("SELECT max(seq) FROM audit_checkpoint WHERE org_id = ?")) {
            newest.setString(1, org);
            try (ResultSet rs = newest.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).as("the newest checkpoint").isEqualTo(10);
            }
        }
        VerificationReport report = IntegrityFixture.verify(org, IntegrityFixture.export(org));
        assertThat(report.brokenAt()).as(report.toString()).isEqualTo(10);
    }

    /** What a superuser would do: change seq 5's actor and recompute every later link; @return the forged hash of seq 10. */
    private byte[] rewriteFromSeq5(String org) throws Exception {
        List<JsonNode> lines = Arrays.stream(IntegrityFixture.export(org).split("\n")).map(ChainReader::read).toList();
        byte[] previous = EventChain.unhex(lines.get(3).get("hash").asText());
        try (Connection db = PostgresAdmin.connect(ownerJdbcUrl);
             PreparedStatement update = db.prepareStatement(
                     "UPDATE audit_event SET actor_id = ?, prev_hash = ?, hash = ? WHERE org_id = ? AND seq = ?")) {
            for (JsonNode line : lines.subList(4, 10)) {
                ObjectNode forged = line.deepCopy();
                if (line.get("seq").asLong() == 5) {
                    ((ObjectNode) forged.get("actor")).put("id", "usr_mallory");
                }
                byte[] hash = EventChain.link(previous, forged);
                update.setString(1, forged.get("actor").get("id").asText());
                update.setBytes(2, previous);
                update.setBytes(3, hash);
                update.setString(4, org);
                update.setLong(5, line.get("seq").asLong());
                update.executeUpdate();
                previous = hash;
            }
        }
        return previous;
    }
}
