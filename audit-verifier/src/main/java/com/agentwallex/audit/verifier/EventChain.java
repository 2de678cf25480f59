package com.agentwallex.audit.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;

/**
 * The link of one event in its organization's chain, computed the same way at ingest, in the
 * export and in the offline verifier, so that none of them can disagree by construction:
 * <pre>
 *   hash = SHA-256(prev_hash || UTF-8(canonical(event)))      prev_hash of seq 1 = 32 zero bytes
 * </pre>
 * {@code canonical(event)} is the canonical JSON ({@link CanonicalJson}) of the event as the API and
 * the export show it, restricted to {@link #MEMBERS} (null or absent members left out) and with
 * {@code time} written as {@code yyyy-MM-ddTHH:mm:ss.ffffffZ} (UTC, always six fractional digits,
 * the precision PostgreSQL stores). {@code seq} is in it, so a link also fixes its position.
 * audit-service writes links with it at ingest and the verifier recomputes them with it: one
 * definition, so they cannot drift apart.
 */
public final class EventChain {

    /** The members of an event that its hash covers; everything the API shows except the links. */
    public static final List<String> MEMBERS = List.of("actor", "client_ip", "details", "id", "org_id", "outcome",
            "reason", "request_id", "resource", "seq", "source", "subject", "time", "traceparent", "type", "user_agent");

    public static final int HASH_BYTES = 32;

    private static final byte[] GENESIS = new byte[HASH_BYTES];
    private static final HexFormat HEX = HexFormat.of();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    // One digest per thread: ingest hashes every event, and a fresh MessageDigest each time costs a provider lookup.
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(EventChain::newSha256);
    // And one text buffer and byte buffer per thread: a fresh builder, String and UTF-8 copy per event were
    // most of what chaining allocated (JFR, bench/audit-ingest).
    private static final int KEPT_CHARS = 4096;
    private static final ThreadLocal<StringBuilder> TEXT = ThreadLocal.withInitial(() -> new StringBuilder(1024));
    private static final ThreadLocal<byte[]> ASCII = ThreadLocal.withInitial(() -> new byte[1024]);

    private EventChain() {
    }

    /** The previous hash of an organization's first event. */
    public static byte[] genesis() {
        return GENESIS.clone();
    }

    /** The canonical form of an event given as its API/export JSON object. */
    public static String canonical(JsonNode event) {
        ObjectNode picked = event instanceof ObjectNode o ? o.objectNode() : null;
        if (picked == null) {
            throw new IllegalArgumentException("an event is a JSON object");
        }
        for (String member : MEMBERS) {
            JsonNode value = event.get(member);
            if (value == null || value.isNull()) {
                continue;
            }
            if (member.equals("time")) {
                picked.put(member, time(Instant.parse(value.asText())));
            } else if (member.equals("actor") || member.equals("resource")) {
                picked.set(member, withoutNulls(value));
            } else {
                picked.set(member, value);
            }
        }
        return CanonicalJson.write(picked);
    }

    /**
     * An event's covered members as the store holds them; {@code details} already in canonical JSON.
     * The ingest path: the same canonical form as {@link #canonical(JsonNode)}, written straight from
     * the fields (about as costly as the insert itself otherwise, on our two cores).
     */
    public record Fields(String actorId, String actorType, String clientIp, String details, String id, String orgId,
                         String outcome, String reason, String requestId, String resourceId, String resourceType,
                         long seq, String source, String subject, Instant time, String traceparent, String type,
                         String userAgent) {
    }

    /** The canonical form from the fields: members in sorted order, absent ones left out. */
    public static String canonical(Fields f) {
        StringBuilder out = new StringBuilder(640);
        write(f, out);
        return out.toString();
    }

    private static void write(Fields f, StringBuilder out) {
        out.append('{');
        out.append("\"actor\":{");
        boolean inner = member(out, "id", f.actorId(), true);
        member(out, "type", f.actorType(), inner);
        out.append('}');
        member(out, "client_ip", f.clientIp(), false);
        out.append(",\"details\":").append(f.details() == null ? "{}" : f.details());
        member(out, "id", f.id(), false);
        member(out, "org_id", f.orgId(), false);
        member(out, "outcome", f.outcome(), false);
        member(out, "reason", f.reason(), false);
        member(out, "request_id", f.requestId(), false);
        if (f.resourceType() != null) {
            out.append(",\"resource\":{");
            inner = member(out, "id", f.resourceId(), true);
            member(out, "type", f.resourceType(), inner);
            out.append('}');
        }
        out.append(",\"seq\":").append(f.seq());
        member(out, "source", f.source(), false);
        member(out, "subject", f.subject(), false);
        member(out, "time", time(f.time()), false);
        member(out, "traceparent", f.traceparent(), false);
        member(out, "type", f.type(), false);
        member(out, "user_agent", f.userAgent(), false);
        out.append('}');
    }

    /** {@code SHA-256(previous || UTF-8(canonical(fields)))}. */
    public static byte[] link(byte[] previous, Fields fields) {
        StringBuilder text = TEXT.get();
        text.setLength(0);
        write(fields, text);
        byte[] hash = sha256(previous, text);
        if (text.capacity() > KEPT_CHARS) {
            TEXT.remove(); // a huge event's buffer is not kept for the next one
        }
        return hash;
    }

    /** Writes {@code "name":"value"} unless value is null; @return whether the object is still empty. */
    private static boolean member(StringBuilder out, String name, String value, boolean first) {
        if (value == null) {
            return first;
        }
        if (!first) {
            out.append(',');
        }
        out.append('"').append(name).append("\":");
        CanonicalJson.string(value, out);
        return false;
    }

    /** {@code SHA-256(previous || UTF-8(canonical(event)))}. */
    public static byte[] link(byte[] previous, JsonNode event) {
        return sha256(previous, canonical(event));
    }

    /**
     * The time as the canonical form writes it (microseconds, UTC). Years 0 to 9999 are written digit by
     * digit, as {@code TIME} writes them: ingest hashes and the export writes this for every event, and
     * the formatter was most of the cost; other years (signed, wider) go to the formatter.
     */
    public static String time(Instant time) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(time.getEpochSecond(), time.getNano(), ZoneOffset.UTC);
        if (t.getYear() < 0 || t.getYear() > 9999) {
            return TIME.format(time);
        }
        char[] c = "0000-00-00T00:00:00.000000Z".toCharArray();
        digits(c, 0, t.getYear(), 4);
        digits(c, 5, t.getMonthValue(), 2);
        digits(c, 8, t.getDayOfMonth(), 2);
        digits(c, 11, t.getHour(), 2);
        digits(c, 14, t.getMinute(), 2);
        digits(c, 17, t.getSecond(), 2);
        digits(c, 20, t.getNano() / 1000, 6);
        return new String(c);
    }

    private static void digits(char[] into, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            into[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** The canonical JSON of any value, e.g. of {@code details} as it is stored. */
    public static String canonicalJson(JsonNode value) {
        return CanonicalJson.write(value);
    }

    public static String hex(byte[] hash) {
        return hash == null ? null : HEX.formatHex(hash);
    }

    public static byte[] unhex(String hex) {
        return HEX.parseHex(hex);
    }

    /** SHA-256 of {@code prefix} followed by the UTF-8 of {@code text}. */
    static byte[] sha256(byte[] prefix, CharSequence text) {
        MessageDigest digest = SHA_256.get();
        digest.update(prefix);
        if (!isAscii(text)) {
            return digest.digest(text.toString().getBytes(StandardCharsets.UTF_8));
        }
        // ASCII is its own UTF-8: through a reused buffer instead of a String and its byte copy per event.
        byte[] bytes = ASCII.get();
        int length = text.length();
        for (int from = 0; from < length; from += bytes.length) {
            int n = Math.min(bytes.length, length - from);
            for (int i = 0; i < n; i++) {
                bytes[i] = (byte) text.charAt(from + i);
            }
            digest.update(bytes, 0, n);
        }
        return digest.digest();
    }

    private static boolean isAscii(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    private static JsonNode withoutNulls(JsonNode value) {
        if (!(value instanceof ObjectNode object)) {
            return value;
        }
        ObjectNode copy = object.objectNode();
        object.properties().forEach(f -> {
            if (!f.getValue().isNull()) {
                copy.set(f.getKey(), f.getValue());
            }
        });
        return copy;
    }
}
