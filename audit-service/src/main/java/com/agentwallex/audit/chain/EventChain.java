package com.agentwallex.audit.chain;

import com.agentwallex.common.crypto.Sha256;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
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

    /** {@code SHA-256(previous || UTF-8(canonical(event)))}. */
    public static byte[] link(byte[] previous, JsonNode event) {
        return Sha256.of(previous, canonical(event));
    }

    /** The time as the canonical form writes it (microseconds, UTC). */
    public static String time(Instant time) {
        return TIME.format(time);
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

    private static JsonNode withoutNulls(JsonNode value) {
        if (!(value instanceof ObjectNode object)) {
            return value;
        }
        ObjectNode copy = object.objectNode();
        object.fields().forEachRemaining(f -> {
            if (!f.getValue().isNull()) {
                copy.set(f.getKey(), f.getValue());
            }
        });
        return copy;
    }
}
