package com.agentwallex.audit.export;

import com.agentwallex.audit.verifier.EventChain;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes exported rows. An NDJSON line is the event exactly as GET /api/v1/audit-logs shows it, chain
 * fields included, with {@code time} in the canonical form's microseconds and {@code details} as
 * PostgreSQL keeps it (exact decimals): the offline verifier recomputes each hash from the line alone.
 */
final class ExportWriter {

    static final List<String> CSV_COLUMNS = List.of("seq", "prev_hash", "hash", "id", "time", "type", "source",
            "subject", "org_id", "actor_type", "actor_id", "outcome", "reason", "client_ip", "user_agent", "request_id",
            "resource_type", "resource_id", "details", "traceparent");
    private static final JsonFactory JSON = new JsonFactory();

    private ExportWriter() {
    }

    static String csvHeader() {
        return String.join(",", CSV_COLUMNS) + "\r\n";
    }

    static void write(ExportFormat format, Row row, StringBuilder out) {
        if (format == ExportFormat.CSV) {
            csv(row, out);
        } else {
            ndjson(row, out);
        }
    }

    static void ndjson(Row row, StringBuilder out) {
        StringWriter line = new StringWriter(512);
        try (JsonGenerator json = JSON.createGenerator(line)) {
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
            json.writeStringField("prev_hash", hex(row.getBuffer("prev_hash")));
            json.writeStringField("hash", hex(row.getBuffer("hash")));
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.append(line).append('\n');
    }

    static void csv(Row row, StringBuilder out) {
        cell(out, Long.toString(row.getLong("seq")));
        cell(out, hex(row.getBuffer("prev_hash")));
        cell(out, hex(row.getBuffer("hash")));
        cell(out, row.getUUID("event_id").toString());
        cell(out, EventChain.time(row.getOffsetDateTime("occurred_at").toInstant()));
        for (String column : CSV_COLUMNS.subList(5, CSV_COLUMNS.size())) {
            cell(out, row.getString(column.equals("id") ? "event_id" : column));
        }
        out.setLength(out.length() - 1);
        out.append("\r\n");
    }

    /** RFC 4180: quoted when it holds a comma, a quote or a line break; quotes doubled. */
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

    private static void optional(JsonGenerator json, String name, String value) throws IOException {
        if (value != null) {
            json.writeStringField(name, value);
        }
    }

    private static String hex(Buffer bytes) {
        return EventChain.hex(bytes.getBytes());
    }
}
