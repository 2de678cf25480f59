package com.agentwallex.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.agentwallex.audit.verifier.EventChain;
import com.agentwallex.audit.verifier.VerificationReport;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code exportAndVerify}: what it asks for, in which order, and what it makes of the answers. */
class AuditExportVerifyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ScriptedServer server = new ScriptedServer();

    @AfterEach
    void stop() {
        server.close();
    }

    /** Two events of org_1 chained as audit-service chains them, the second with {@code outcome}. */
    private static String export(String secondOutcome) {
        StringBuilder out = new StringBuilder();
        byte[] previous = EventChain.genesis();
        for (int seq = 1; seq <= 2; seq++) {
            ObjectNode e = JSON.createObjectNode().put("id", "00000000-0000-4000-8000-00000000000" + seq)
                    .put("type", "api_key.created").put("time", "2026-12-04T21:53:22.120000Z").put("source", "apikey-service")
                    .put("org_id", "org_1").put("outcome", "success").put("seq", seq);
            e.putObject("actor").put("type", "user").put("id", "usr_1");
            e.putObject("details");
            byte[] hash = EventChain.link(previous, e);
            e.put("prev_hash", EventChain.hex(previous)).put("hash", EventChain.hex(hash));
            if (seq == 2) {
                e.put("outcome", secondOutcome);
            }
            out.append(e).append('\n');
            previous = hash;
        }
        return out.toString();
    }

    private VerificationReport exportAndVerify(String export, Path file) {
        server.then(200, "{\"org_id\":\"org_1\",\"checkpoints\":[]}", "Content-Type", "application/json")
                .then(200, "{\"keys\":[]}", "Content-Type", "application/jwk-set+json")
                .then(200, export, "Content-Type", "application/x-ndjson");
        AgentWallex awx = AgentWallex.builder().apiKey(Keys.of(Environment.PRODUCTION)).baseUrl(server.url())
                .retry(RetryPolicy.none()).build();
        return awx.auditLogs().exportAndVerify(file);
    }

    @Test
    void theCheckpointsAndKeysAreFetchedBeforeTheExportSoNoneCanVouchForEventsTheFileLacks(@TempDir Path dir) {
        VerificationReport report = exportAndVerify(export("success"), dir.resolve("audit-log.ndjson"));
        // this script's integrity answer has no checkpoint: the links are whole, but nothing signed vouches
        // for them (SdkAuditExportTest verifies against a stack's signed checkpoints)
        assertThat(report.unvouched()).as(report.toString()).isTrue();
        assertThat(report.events()).isEqualTo(2);
        assertThat(server.seen).extracting(ScriptedServer.Seen::path).containsExactly(
                "/api/v1/audit-logs/integrity?links=false", "/api/v1/audit-logs/jwks", "/api/v1/audit-logs/export?format=ndjson");
        assertThat(server.seen.get(0).headers()).containsKey("X-api-key");
        assertThat(server.seen.get(1).headers()).as("the keys are public").doesNotContainKey("X-api-key");
    }

    @Test
    void withKeysOfItsOwnTheCallerTakesNoKeyFromTheConnectionTheLogComesOver(@TempDir Path dir) {
        server.then(200, "{\"org_id\":\"org_1\",\"checkpoints\":[]}", "Content-Type", "application/json")
                .then(200, export("success"), "Content-Type", "application/x-ndjson");
        AgentWallex awx = AgentWallex.builder().apiKey(Keys.of(Environment.PRODUCTION)).baseUrl(server.url())
                .retry(RetryPolicy.none()).build();
        VerificationReport report = awx.auditLogs().exportAndVerify(dir.resolve("audit-log.ndjson"), "{\"keys\":[]}");
        assertThat(report.events()).isEqualTo(2);
        assertThat(server.seen).extracting(ScriptedServer.Seen::path).containsExactly(
                "/api/v1/audit-logs/integrity?links=false", "/api/v1/audit-logs/export?format=ndjson");
    }

    @Test
    void aChangedEventInTheDownloadedExportIsNamedAtItsSeq(@TempDir Path dir) {
        VerificationReport report = exportAndVerify(export("failure"), dir.resolve("audit-log.ndjson"));
        assertThat(report.intact()).isFalse();
        assertThat(report.brokenAt()).isEqualTo(2);
        assertThat(report.problem()).contains("changed");
    }
}
