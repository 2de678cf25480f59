package com.agentwallex.system.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.agentwallex.audit.verifier.AuditLogVerifier;
import com.agentwallex.audit.verifier.VerificationReport;
import com.agentwallex.sdk.AgentWallex;
import com.agentwallex.sdk.ApiKey;
import com.agentwallex.sdk.AuditEvent;
import com.agentwallex.sdk.AuditLogQuery;
import com.agentwallex.sdk.Environment;
import com.agentwallex.system.support.Stack;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code auditLogs().export(query, out)}: the organization's whole log in stored order, its chain links intact;
 * {@code exportAndVerify(file)}: the same, checked against the signed checkpoints by the offline verifier.
 */
@QuarkusTest
@WithTestResource(value = Stack.class, scope = TestResourceScope.GLOBAL)
class SdkAuditExportTest {

    private final SdkClients clients = new SdkClients();

    @Test
    void aKeyExportsTheLogAsNdjsonInStoredOrderEachEventLinkedToTheOneBefore() throws Exception {
        AgentWallex asUser = clients.signedIn();
        ApiKey reader = SdkClients.newKey(asUser, "exporter", Environment.PRODUCTION, "audit:read");
        AgentWallex awx = clients.withKey(reader.key());
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (AuditEvent e : awx.auditLogs().list()) {
                if (e.type().equals("api_key.created")) {
                    return true;
                }
            }
            return false;
        });
        List<AuditEvent> listed = new ArrayList<>();
        awx.auditLogs().list().forEach(listed::add);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        awx.auditLogs().export(AuditLogQuery.all(), out);

        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                lines.add(json.readTree(line));
            }
        }
        assertThat(lines).hasSizeGreaterThanOrEqualTo(listed.size());
        for (int i = 1; i < lines.size(); i++) {
            assertThat(lines.get(i).path("seq").asLong()).isEqualTo(lines.get(i - 1).path("seq").asLong() + 1);
            assertThat(lines.get(i).path("prev_hash").asText()).isEqualTo(lines.get(i - 1).path("hash").asText());
        }
        assertThat(lines).extracting(l -> l.path("type").asText()).contains("api_key.created");
        assertThat(listed).allSatisfy(e -> assertThat(e.seq()).isNotNull().isPositive());
        assertThat(listed).allSatisfy(e -> assertThat(e.hash()).isNotBlank());
    }

    @Test
    void anExportThroughTheSdkVerifiesAgainstTheSignedCheckpointsAndOneChangedLineIsNamedAtItsSeq(@TempDir Path dir)
            throws Exception {
        AgentWallex asUser = clients.signedIn();
        ApiKey reader = SdkClients.newKey(asUser, "verifier", Environment.PRODUCTION, "audit:read");
        AgentWallex awx = clients.withKey(reader.key());
        ObjectMapper json = new ObjectMapper();
        // The stack signs moved chain heads every second: wait for a checkpoint over the key's creation.
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                json.readTree(awx.auditLogs().integrity()).path("latest_checkpoint").path("seq").asLong() >= 2);
        // What a tenant keeps beside an export to check it later without us, fetched before it.
        String integrity = awx.auditLogs().integrity();
        String keys = awx.auditLogs().checkpointKeys();

        Path export = dir.resolve("audit-log.ndjson");
        VerificationReport report = awx.auditLogs().exportAndVerify(export);
        assertThat(report.intact()).as(report.toString()).isTrue();
        assertThat(report.firstSeq()).isEqualTo(1);
        assertThat(report.checkpoints()).isPositive();

        List<String> lines = Files.readAllLines(export, StandardCharsets.UTF_8);
        ObjectNode second = (ObjectNode) json.readTree(lines.get(1));
        second.put("outcome", "success".equals(second.path("outcome").asText()) ? "failure" : "success");
        lines.set(1, second.toString());
        Path changed = Files.write(dir.resolve("changed.ndjson"), lines, StandardCharsets.UTF_8);
        try (var in = Files.newBufferedReader(changed, StandardCharsets.UTF_8)) {
            VerificationReport broken = AuditLogVerifier.verify(in, integrity, keys);
            assertThat(broken.intact()).isFalse();
            assertThat(broken.brokenAt()).as(broken.toString()).isEqualTo(2);
            assertThat(broken.problem()).contains("changed");
        }
    }
}
