package com.agentwallex.audit.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline check without a service: exports, checkpoints and keys made as audit-service makes them. */
class AuditLogVerifierTest {

    private static final String ORG = "org_verifier";
    private static final Lines.Key KEY = Lines.Key.generate("checkpoint-1");

    /** An integrity answer whose checkpoints sit at {@code seqs} of {@code lines}, the last one also the latest. */
    private static ObjectNode integrity(List<ObjectNode> lines, int... seqs) {
        ObjectNode integrity = Lines.JSON.createObjectNode().put("org_id", ORG);
        ArrayNode checkpoints = integrity.putArray("checkpoints");
        for (int seq : seqs) {
            checkpoints.add(KEY.checkpoint(lines.get(seq - 1)));
        }
        if (seqs.length > 0) {
            integrity.set("latest_checkpoint", KEY.checkpoint(lines.get(seqs[seqs.length - 1] - 1)));
        }
        return integrity;
    }

    private static VerificationReport verify(List<ObjectNode> lines, ObjectNode integrity) throws Exception {
        return AuditLogVerifier.verify(new StringReader(Lines.ndjson(lines)), integrity, KEY.jwks());
    }

    @Test
    void anUntouchedExportIsIntactAndMatchesEveryCheckpointInRange() throws Exception {
        List<ObjectNode> lines = Lines.chain(ORG, 10);
        VerificationReport report = verify(lines, integrity(lines, 4, 10));
        assertThat(report.intact()).as(report.toString()).isTrue();
        assertThat(report).extracting(VerificationReport::events, VerificationReport::firstSeq, VerificationReport::lastSeq)
                .containsExactly(10L, 1L, 10L);
        assertThat(report.checkpoints()).isEqualTo(2);
        assertThat(report).hasToString("INTACT: org_verifier, 10 events, seq 1..10, 2 signed checkpoints matched, signed up to seq 10");
    }

    /** Ten events with a checkpoint at 10, then {@code tamper} applied to the lines before verifying them. */
    private static VerificationReport tampered(Consumer<List<ObjectNode>> tamper) throws Exception {
        List<ObjectNode> lines = Lines.chain(ORG, 10);
        ObjectNode integrity = integrity(lines, 10);
        tamper.accept(lines);
        VerificationReport report = verify(lines, integrity);
        assertThat(report.intact()).isFalse();
        return report;
    }

    @Test
    void aChangedLineIsNamedAtItsSeq() throws Exception {
        VerificationReport report = tampered(lines -> lines.get(6).put("outcome", "failure"));
        assertThat(report.brokenAt()).isEqualTo(7);
        assertThat(report.problem()).contains("changed");
        assertThat(report.lastSeq()).isEqualTo(6);
    }

    @Test
    void aRemovedLineIsNamedAtTheMissingSeq() throws Exception {
        VerificationReport report = tampered(lines -> lines.remove(4));
        assertThat(report.brokenAt()).isEqualTo(5);
        assertThat(report.problem()).contains("removed");
    }

    @Test
    void anExportCutBeforeTheNewestCheckpointIsMissingItsEnd() throws Exception {
        VerificationReport report = tampered(lines -> lines.subList(8, 10).clear());
        assertThat(report.brokenAt()).isEqualTo(9);
        assertThat(report.problem()).contains("signed checkpoint vouches for seq 10");
    }

    @Test
    void aChainRewrittenFromItsChangeOnIsCaughtByTheSignedCheckpoint() throws Exception {
        VerificationReport report = tampered(AuditLogVerifierTest::rewriteFromSeq5);
        assertThat(report.brokenAt()).isEqualTo(10);
        assertThat(report.problem()).contains("signed checkpoint");
    }

    /** What a superuser with the database would do: change seq 5 and recompute every later link. */
    private static void rewriteFromSeq5(List<ObjectNode> lines) {
        byte[] previous = EventChain.unhex(lines.get(3).get("hash").asText());
        ((ObjectNode) lines.get(4).get("actor")).put("id", "usr_mallory");
        for (ObjectNode line : lines.subList(4, 10)) {
            byte[] hash = EventChain.link(previous, line);
            line.put("prev_hash", EventChain.hex(previous)).put("hash", EventChain.hex(hash));
            previous = hash;
        }
    }

    @Test
    void aCheckpointSignedByAKeyThatIsNotPublishedMakesTheDocumentsUnusable() {
        List<ObjectNode> lines = Lines.chain(ORG, 3);
        ObjectNode integrity = integrity(lines, 3);
        assertThatThrownBy(() -> AuditLogVerifier.verify(new StringReader(Lines.ndjson(lines)), integrity,
                Lines.Key.generate("checkpoint-1").jwks()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("signature does not verify");
    }

    @Test
    void aJwksWithTwoKeysUnderOneKidIsUnusable() {
        List<ObjectNode> lines = Lines.chain(ORG, 3);
        ObjectNode jwks = KEY.jwks().deepCopy();
        ((ArrayNode) jwks.get("keys")).add(Lines.Key.generate("checkpoint-1").jwks().get("keys").get(0));
        assertThatThrownBy(() -> AuditLogVerifier.verify(new StringReader(Lines.ndjson(lines)), integrity(lines, 3), jwks))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two keys checkpoint-1");
    }

    @Test
    void aDocumentThatIsNoIntegrityAnswerIsRefusedRatherThanTakenAsNoCheckpoints() {
        assertThatThrownBy(() -> AuditLogVerifier.verify(new StringReader(""), KEY.jwks(), KEY.jwks()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no org_id");
    }

    @Test
    void theThreeAnswersSavedAsFilesVerifyAsTheCommandLineReadsThem(@TempDir Path dir) throws Exception {
        List<ObjectNode> lines = Lines.chain(ORG, 5);
        Path export = Files.writeString(dir.resolve("audit-log.ndjson"), Lines.ndjson(lines));
        Path integrity = Files.writeString(dir.resolve("integrity.json"), integrity(lines, 5).toString());
        Path jwks = Files.writeString(dir.resolve("jwks.json"), KEY.jwks().toString());
        assertThat(AuditLogVerifier.verify(export, integrity, jwks))
                .hasToString("INTACT: org_verifier, 5 events, seq 1..5, 1 signed checkpoints matched, signed up to seq 5");
    }

    @Test
    void aChainNoSignedCheckpointCoversIsNotIntactHoweverWellItLinks() throws Exception {
        List<ObjectNode> lines = Lines.chain(ORG, 5);
        VerificationReport report = verify(lines, integrity(lines));
        assertThat(report.intact()).isFalse();
        assertThat(report.unvouched()).isTrue();
        assertThat(report.brokenAt()).isNull();
        assertThat(report.toString()).startsWith("UNVOUCHED: org_verifier, 5 events, seq 1..5: ");
    }

    @Test
    void eventsAfterTheNewestCheckpointLinkUpButTheReportSaysWhereTheSignaturesEnd() throws Exception {
        List<ObjectNode> lines = Lines.chain(ORG, 10);
        VerificationReport report = verify(lines, integrity(lines, 6));
        assertThat(report.intact()).isTrue();
        assertThat(report.signedTo()).isEqualTo(6);
    }

    @Test
    void anExportEndingBeforeAnyListedCheckpointIsMissingItsEndEvenWithoutALatestCheckpoint() throws Exception {
        List<ObjectNode> lines = Lines.chain(ORG, 10);
        ObjectNode integrity = integrity(lines, 4, 10);
        integrity.remove("latest_checkpoint");
        VerificationReport report = verify(lines.subList(0, 8), integrity);
        assertThat(report.brokenAt()).isEqualTo(9);
        assertThat(report.problem()).contains("vouches for seq 10");
    }

    @Test
    void aLineCarryingAMemberItsHashDoesNotCoverIsRefused() throws Exception {
        VerificationReport report = tampered(lines -> lines.get(2).put("approved_by", "usr_mallory"));
        assertThat(report.brokenAt()).isEqualTo(3);
        assertThat(report.problem()).contains("approved_by");
    }

    @Test
    void aTimeWithMorePrecisionThanTheChainCoversIsRefused() throws Exception {
        VerificationReport report = tampered(lines -> lines.get(1).put("time",
                lines.get(1).get("time").asText().replace("Z", "9Z")));
        assertThat(report.brokenAt()).isEqualTo(2);
        assertThat(report.problem()).contains("time");
    }

    @Test
    void aTimeOfTheRightShapeThatIsNoDateIsABrokenLineNotACrash() throws Exception {
        VerificationReport report = tampered(lines -> lines.get(1).put("time", "2026-13-04T21:53:22.120000Z"));
        assertThat(report.brokenAt()).isEqualTo(2);
        assertThat(report.problem()).contains("real UTC date");
    }

    @Test
    void aPrevHashOrHashThatIsNotHexIsABrokenLineNamedAtItsSeqNotUnusableInput() throws Exception {
        VerificationReport notHex = tampered(lines -> lines.get(5).put("prev_hash", "g" + lines.get(5).get("prev_hash").asText().substring(1)));
        assertThat(notHex.brokenAt()).isEqualTo(6);
        assertThat(notHex.problem()).contains("not a SHA-256 hash in hex");
        VerificationReport upperCase = tampered(lines -> lines.get(2).put("hash", lines.get(2).get("hash").asText().toUpperCase()));
        assertThat(upperCase.brokenAt()).isEqualTo(3);
        VerificationReport notText = tampered(lines -> lines.get(8).put("hash", 7));
        assertThat(notText.brokenAt()).isEqualTo(9);
    }

    @Test
    void theAdviceForAnUnvouchedExportIsToTakeBothAgainInOrderNotToReuseThisExport() throws Exception {
        // Events 1..5 exported before any checkpoint; the export's own audit.exported became seq 6.
        List<ObjectNode> chain = Lines.chain(ORG, 6);
        List<ObjectNode> export = chain.subList(0, 5);
        VerificationReport unvouched = verify(export, integrity(chain));
        assertThat(unvouched.unvouched()).isTrue();
        assertThat(unvouched.toString()).contains("take a new integrity answer, then a new export");

        // Reusing that export with an answer taken after the next checkpoint cannot be intact.
        VerificationReport reused = verify(export, integrity(chain, 6));
        assertThat(reused.intact()).isFalse();
        assertThat(reused.problem()).contains("taken after the export");
        // Doing what the advice says is.
        assertThat(verify(chain, integrity(chain, 6)).intact()).isTrue();
    }

    @Test
    void aLineWithARepeatedMemberOrTextAfterItsObjectIsUnreadableNotIntact() {
        List<ObjectNode> lines = Lines.chain(ORG, 3);
        ObjectNode integrity = integrity(lines, 3);
        String export = Lines.ndjson(lines);
        String repeated = export.replaceFirst("\\{", "{\"outcome\":\"failure\",");
        String trailing = export.replaceFirst("\n", " {}\n");
        for (String altered : List.of(repeated, trailing)) {
            assertThatThrownBy(() -> AuditLogVerifier.verify(new StringReader(altered), integrity, KEY.jwks()))
                    .isInstanceOf(java.io.IOException.class);
        }
    }
}
