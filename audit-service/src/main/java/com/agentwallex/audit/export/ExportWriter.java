package com.agentwallex.audit.export;

import com.agentwallex.audit.verifier.EventChain;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes exported rows. An NDJSON line is the event exactly as GET /api/v1/audit-logs shows it, chain
 * fields included, with {@code time} in the canonical form's microseconds and {@code details} as
 * PostgreSQL keeps it (exact decimals): the offline verifier recomputes each hash from the line alone.
 *
 * <p>The bytes go straight into one block per export, handed to the response whenever it fills: an
 * export allocates no line or generator per row, and holds the block whatever its size. JSON
 * strings are escaped as Jackson's generator escapes them (the verifier and the SDK read these lines;
 * ExportWriterTest holds the two to the same bytes): ASCII that needs no escape is copied as is, any
 * other string goes through Jackson's own encoder.
 */
final class ExportWriter {

    static final List<String> CSV_COLUMNS = List.of("seq", "prev_hash", "hash", "id", "time", "type", "source",
            "subject", "org_id", "actor_type", "actor_id", "outcome", "reason", "client_ip", "user_agent", "request_id",
            "resource_type", "resource_id", "details", "traceparent");
    /** The columns of CSV_COLUMNS from type on, all text, in the repository's column numbers. */
    private static final int[] CSV_TEXT_COLUMNS = {AuditExportRepository.TYPE, AuditExportRepository.SOURCE,
        AuditExportRepository.SUBJECT, AuditExportRepository.ORG_ID, AuditExportRepository.ACTOR_TYPE,
        AuditExportRepository.ACTOR_ID, AuditExportRepository.OUTCOME, AuditExportRepository.REASON,
        AuditExportRepository.CLIENT_IP, AuditExportRepository.USER_AGENT, AuditExportRepository.REQUEST_ID,
        AuditExportRepository.RESOURCE_TYPE, AuditExportRepository.RESOURCE_ID, AuditExportRepository.DETAILS,
        AuditExportRepository.TRACEPARENT};
    /** Bytes handed to the response at a time: a few HTTP chunks, not a page. */
    static final int BLOCK = 64 * 1024;
    /** What a spreadsheet reads as the start of a formula. */
    private static final String FORMULA_STARTS = "=+-@\t\r";
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final ExportFormat format;
    private final OutputStream out;
    private final byte[] block = new byte[BLOCK];
    private int length;

    ExportWriter(ExportFormat format, OutputStream out) {
        this.format = format;
        this.out = out;
    }

    /** CSV's header row; nothing for NDJSON. */
    void start() throws IOException {
        if (format == ExportFormat.CSV) {
            ascii(String.join(",", CSV_COLUMNS));
            ascii("\r\n");
        }
    }

    void write(Row row) throws IOException {
        if (format == ExportFormat.CSV) {
            csv(row);
        } else {
            ndjson(row);
        }
    }

    /** Hands what is written so far to the response and flushes it: the end of a page. */
    void flush() throws IOException {
        drain();
        out.flush();
    }

    private void ndjson(Row row) throws IOException {
        ascii("{\"id\":\"");
        ascii(row.getUUID(AuditExportRepository.EVENT_ID).toString());
        ascii("\",\"type\":");
        string(row.getString(AuditExportRepository.TYPE));
        ascii(",\"time\":\"");
        time(row);
        ascii("\",\"source\":");
        string(row.getString(AuditExportRepository.SOURCE));
        optional(",\"subject\":", row.getString(AuditExportRepository.SUBJECT));
        ascii(",\"org_id\":");
        string(row.getString(AuditExportRepository.ORG_ID));
        ascii(",\"actor\":{\"type\":");
        string(row.getString(AuditExportRepository.ACTOR_TYPE));
        ascii(",\"id\":");
        string(row.getString(AuditExportRepository.ACTOR_ID));
        ascii("},\"outcome\":");
        string(row.getString(AuditExportRepository.OUTCOME));
        optional(",\"reason\":", row.getString(AuditExportRepository.REASON));
        optional(",\"client_ip\":", row.getString(AuditExportRepository.CLIENT_IP));
        optional(",\"user_agent\":", row.getString(AuditExportRepository.USER_AGENT));
        optional(",\"request_id\":", row.getString(AuditExportRepository.REQUEST_ID));
        String resourceType = row.getString(AuditExportRepository.RESOURCE_TYPE);
        if (resourceType != null) {
            ascii(",\"resource\":{\"type\":");
            string(resourceType);
            optional(",\"id\":", row.getString(AuditExportRepository.RESOURCE_ID));
            put((byte) '}');
        }
        ascii(",\"details\":");
        utf8(row.getString(AuditExportRepository.DETAILS));
        optional(",\"traceparent\":", row.getString(AuditExportRepository.TRACEPARENT));
        ascii(",\"seq\":");
        ascii(Long.toString(row.getLong(AuditExportRepository.SEQ)));
        ascii(",\"prev_hash\":\"");
        hex(row.getBuffer(AuditExportRepository.PREV_HASH));
        ascii("\",\"hash\":\"");
        hex(row.getBuffer(AuditExportRepository.HASH));
        ascii("\"}\n");
    }

    private void csv(Row row) throws IOException {
        ascii(Long.toString(row.getLong(AuditExportRepository.SEQ)));
        put((byte) ',');
        hex(row.getBuffer(AuditExportRepository.PREV_HASH));
        put((byte) ',');
        hex(row.getBuffer(AuditExportRepository.HASH));
        put((byte) ',');
        ascii(row.getUUID(AuditExportRepository.EVENT_ID).toString());
        put((byte) ',');
        time(row);
        for (int column : CSV_TEXT_COLUMNS) {
            put((byte) ',');
            cell(row.getString(column));
        }
        ascii("\r\n");
    }

    /**
     * RFC 4180: quoted when it holds a comma, a quote or a line break; quotes doubled. A value a
     * spreadsheet would run as a formula (= + - @, a tab or CR first) is quoted with a ' in front
     * (OWASP's CSV injection advice): user agents, names and reasons come from callers, and this
     * format is the one opened in spreadsheets (the NDJSON export is the one verified, unchanged).
     * Where the list separator is ';' (German, French Excel) a file is split on it before any quote
     * counts, so a formula after a ';' inside a value gets its ' too.
     */
    private void cell(String value) throws IOException {
        if (value == null) {
            return;
        }
        value = neutralisedAfterSemicolons(value);
        boolean formula = !value.isEmpty() && FORMULA_STARTS.indexOf(value.charAt(0)) >= 0;
        if (formula || value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            put((byte) '"');
            if (formula) {
                put((byte) '\'');
            }
            utf8(value.replace("\"", "\"\""));
            put((byte) '"');
        } else {
            utf8(value);
        }
    }

    private static String neutralisedAfterSemicolons(String value) {
        int at = value.indexOf(';');
        if (at < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length() + 4);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            out.append(c);
            if (c == ';' && i + 1 < value.length() && FORMULA_STARTS.indexOf(value.charAt(i + 1)) >= 0) {
                out.append('\'');
            }
        }
        return out.toString();
    }

    private void optional(String name, String value) throws IOException {
        if (value != null) {
            ascii(name);
            string(value);
        }
    }

    /** A JSON string, quoted and escaped as Jackson's generator writes it. */
    private void string(String value) throws IOException {
        put((byte) '"');
        if (plain(value)) {
            ascii(value);
        } else {
            utf8(new String(JsonStringEncoder.getInstance().quoteAsString(value)));
        }
        put((byte) '"');
    }

    /** The canonical form's time ({@link EventChain#time}), which the verifier recomputes the hash from. */
    private void time(Row row) throws IOException {
        ascii(EventChain.time(row.getOffsetDateTime(AuditExportRepository.OCCURRED_AT).toInstant()));
    }

    /** ASCII that JSON takes unescaped: no control character, quote or backslash. */
    private static boolean plain(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    private void hex(Buffer buffer) throws IOException {
        byte[] bytes = buffer.getBytes();  // one copy of 32 bytes rather than 32 checked reads
        room(2 * bytes.length);
        for (byte b : bytes) {
            block[length++] = HEX[(b >> 4) & 0xF];
            block[length++] = HEX[b & 0xF];
        }
    }

    /**
     * Text known to be ASCII (names, numbers, ids, or what {@link #plain} passed). String's deprecated
     * byte copy keeps the low 8 bits of each char, which is exactly ASCII's encoding here, and copies a
     * Latin-1 string's array at once instead of a char at a time.
     */
    @SuppressWarnings("deprecation")
    private void ascii(String text) throws IOException {
        int n = text.length();
        if (n > BLOCK) {
            bytes(text.getBytes(StandardCharsets.US_ASCII));
            return;
        }
        room(n);
        text.getBytes(0, n, block, length);
        length += n;
    }

    private void utf8(String text) throws IOException {
        if (plainText(text)) {
            ascii(text);
        } else {
            bytes(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static boolean plainText(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private void bytes(byte[] bytes) throws IOException {
        if (bytes.length > BLOCK) {
            drain();
            out.write(bytes);
            return;
        }
        room(bytes.length);
        System.arraycopy(bytes, 0, block, length, bytes.length);
        length += bytes.length;
    }

    private void put(byte b) throws IOException {
        room(1);
        block[length++] = b;
    }

    private void room(int n) throws IOException {
        if (length + n > BLOCK) {
            drain();
        }
    }

    private void drain() throws IOException {
        if (length > 0) {
            out.write(block, 0, length);
            length = 0;
        }
    }
}
