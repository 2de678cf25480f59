package com.agentwallex.contract.events;

import static com.agentwallex.contract.events.InvalidEventException.Reason.INVALID_VALUE;
import static com.agentwallex.contract.events.InvalidEventException.Reason.MISSING_FIELD;
import static com.agentwallex.contract.events.InvalidEventException.Reason.NOT_JSON;
import static com.agentwallex.contract.events.InvalidEventException.Reason.TOO_LARGE;
import static com.agentwallex.contract.events.InvalidEventException.Reason.UNKNOWN_FIELD;
import static com.agentwallex.contract.events.InvalidEventException.Reason.UNKNOWN_TYPE;
import static com.agentwallex.contract.events.InvalidEventException.Reason.UNSUPPORTED_SPEC_VERSION;
import static com.agentwallex.contract.events.InvalidEventException.Reason.WRONG_TYPE;

import com.agentwallex.contract.events.AuthEvent.Actor;
import com.agentwallex.contract.events.AuthEvent.ActorType;
import com.agentwallex.contract.events.AuthEvent.Data;
import com.agentwallex.contract.events.AuthEvent.Outcome;
import com.agentwallex.contract.events.AuthEvent.Resource;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Strict JSON (de)serialization of {@link AuthEvent}. Written against the JSON tree rather than
 * by reflection so that every rejection names its field, and so that native images need no
 * reflection registration. {@code auth-event.v1.schema.json} states the same rules for
 * consumers in other languages.
 */
public final class AuthEventCodec {

    /** Larger records are rejected whole: an audit event never needs more. */
    public static final int MAX_BYTES = 64 * 1024;
    static final int MAX_ID_LENGTH = 256;

    private static final Pattern EXTENSION_NAME = Pattern.compile("[a-z0-9]{1,20}");
    private static final Pattern RFC_3339 =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})");
    private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
    private static final Set<String> ENVELOPE_FIELDS = Set.of(
            "specversion", "id", "source", "type", "time", "subject", "datacontenttype", "traceparent", "data");
    private static final Set<String> DATA_FIELDS = Set.of(
            "org_id", "actor", "outcome", "reason", "client_ip", "user_agent", "request_id", "resource", "details");
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private AuthEventCodec() {
    }

    public static byte[] encode(AuthEvent event) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("specversion", AuthEvent.SPEC_VERSION);
        root.put("id", event.id().toString());
        root.put("source", event.source());
        root.put("type", event.type().wireName());
        root.put("time", event.time().toString());
        putIfPresent(root, "subject", event.subject());
        root.put("datacontenttype", AuthEvent.CONTENT_TYPE);
        putIfPresent(root, "traceparent", event.traceparent());

        Data data = event.data();
        ObjectNode d = root.putObject("data");
        d.put("org_id", data.orgId());
        d.putObject("actor").put("type", data.actor().type().wireName()).put("id", data.actor().id());
        d.put("outcome", data.outcome().wireName());
        putIfPresent(d, "reason", data.reason());
        putIfPresent(d, "client_ip", data.clientIp());
        putIfPresent(d, "user_agent", data.userAgent());
        putIfPresent(d, "request_id", data.requestId());
        if (data.resource() != null) {
            d.putObject("resource").put("type", data.resource().type()).put("id", data.resource().id());
        }
        d.set("details", MAPPER.valueToTree(data.details()));
        try {
            byte[] bytes = MAPPER.writeValueAsBytes(root);
            if (bytes.length > MAX_BYTES) {
                throw new IllegalArgumentException("auth event " + event.id() + " exceeds " + MAX_BYTES + " bytes");
            }
            return bytes;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("auth event cannot be written as JSON", e);
        }
    }

    public static AuthEvent decode(byte[] bytes) throws InvalidEventException {
        Read<Map<String, Object>> read = decode(bytes, details -> MAPPER.convertValue(details, MAP));
        return read.details().isEmpty() ? read.event() : read.event().withDetails(read.details());
    }

    /**
     * An event whose {@code details} went to the caller's reader as the JSON object they came as (empty
     * when absent), instead of into the event: {@code event().data().details()} is empty.
     */
    public record Read<T>(AuthEvent event, T details) {
    }

    /**
     * Decodes as {@link #decode(byte[])} does, with the same checks, but hands {@code details} to
     * {@code detailsReader} as read: a consumer that stores or hashes them as JSON (audit-service)
     * then converts them once, not to a map and back (half of what its ingest allocated).
     */
    public static <T> Read<T> decode(byte[] bytes, Function<ObjectNode, T> detailsReader) throws InvalidEventException {
        if (bytes == null || bytes.length == 0) {
            throw new InvalidEventException(NOT_JSON, "empty record");
        }
        if (bytes.length > MAX_BYTES) {
            throw new InvalidEventException(TOO_LARGE, bytes.length + " bytes, limit " + MAX_BYTES);
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new InvalidEventException(NOT_JSON, "not a JSON document");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidEventException(WRONG_TYPE, "the event must be a JSON object");
        }
        checkEnvelopeMembers(root);
        if (!AuthEvent.SPEC_VERSION.equals(requiredText(root, "specversion", ""))) {
            throw new InvalidEventException(UNSUPPORTED_SPEC_VERSION, "specversion must be 1.0");
        }
        UUID id = uuid(requiredText(root, "id", ""));
        String source = requiredText(root, "source", "");
        String typeName = requiredText(root, "type", "");
        AuthEventType type = AuthEventType.fromWireName(typeName)
                .orElseThrow(() -> new InvalidEventException(UNKNOWN_TYPE, "type " + quoted(typeName)));
        Instant time = timestamp(requiredText(root, "time", ""));
        String subject = optionalText(root, "subject", "");
        String contentType = optionalText(root, "datacontenttype", "");
        if (contentType != null && !contentType.startsWith(AuthEvent.CONTENT_TYPE)) {
            throw new InvalidEventException(INVALID_VALUE, "datacontenttype must be application/json");
        }
        String traceparent = optionalText(root, "traceparent", "");
        if (traceparent != null && !TRACEPARENT.matcher(traceparent).matches()) {
            throw new InvalidEventException(INVALID_VALUE, "traceparent is not a W3C trace context");
        }
        JsonNode data = root.get("data");
        if (data == null || data.isNull()) {
            throw new InvalidEventException(MISSING_FIELD, "data");
        }
        AuthEvent event = new AuthEvent(id, source, type, time, subject, traceparent, data(data));
        ObjectNode details = details(data);
        try {
            return new Read<>(event, detailsReader.apply(details));
        } catch (RuntimeException e) {
            // A reader that cannot take what the checks let through must reject the event, not stop its
            // consumer: an exception escaping here would replay the same record forever.
            throw new InvalidEventException(INVALID_VALUE, "data.details cannot be read");
        }
    }

    private static Data data(JsonNode data) throws InvalidEventException {
        if (!data.isObject()) {
            throw new InvalidEventException(WRONG_TYPE, "data must be an object");
        }
        for (Map.Entry<String, JsonNode> member : data.properties()) {
            String name = member.getKey();
            if (!DATA_FIELDS.contains(name)) {
                throw new InvalidEventException(UNKNOWN_FIELD, "data." + name);
            }
        }
        String orgId = requiredText(data, "org_id", "data.");
        JsonNode actorNode = requiredObject(data, "actor", "data.");
        String actorTypeName = requiredText(actorNode, "type", "data.actor.");
        ActorType actorType = ActorType.fromWireName(actorTypeName).orElseThrow(
                () -> new InvalidEventException(INVALID_VALUE, "data.actor.type " + quoted(actorTypeName)));
        Actor actor = new Actor(actorType, requiredText(actorNode, "id", "data.actor."));
        String outcomeName = requiredText(data, "outcome", "data.");
        Outcome outcome = Outcome.fromWireName(outcomeName).orElseThrow(
                () -> new InvalidEventException(INVALID_VALUE, "data.outcome " + quoted(outcomeName)));
        Resource resource = null;
        JsonNode resourceNode = data.get("resource");
        if (resourceNode != null && !resourceNode.isNull()) {
            requiredObject(data, "resource", "data.");
            resource = new Resource(requiredText(resourceNode, "type", "data.resource."),
                    requiredText(resourceNode, "id", "data.resource."));
        }
        return new Data(orgId, actor, outcome,
                optionalText(data, "reason", "data."),
                optionalText(data, "client_ip", "data."),
                optionalText(data, "user_agent", "data."),
                optionalText(data, "request_id", "data."),
                resource, Map.of());
    }

    /** {@code data.details}, checked; an empty object when absent. */
    private static ObjectNode details(JsonNode data) throws InvalidEventException {
        JsonNode details = data.get("details");
        if (details == null || details.isNull()) {
            return MAPPER.createObjectNode();
        }
        if (!(details instanceof ObjectNode object)) {
            throw new InvalidEventException(WRONG_TYPE, "data.details must be an object");
        }
        String unstorable = unstorable(object);
        if (unstorable != null) {
            throw new InvalidEventException(INVALID_VALUE, "data.details " + unstorable);
        }
        return object;
    }

    /**
     * What in the tree no store could keep, or null: NUL in a name or string (PostgreSQL's jsonb refuses
     * it), or a number beyond a double's range (read as infinity, it has no canonical form to hash).
     */
    private static String unstorable(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue().indexOf('\u0000') >= 0 ? "holds a NUL character" : null;
        }
        if ((node.isDouble() || node.isFloat()) && !Double.isFinite(node.doubleValue())) {
            return "holds a number beyond a double's range";
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                String found = unstorable(element);
                if (found != null) {
                    return found;
                }
            }
        }
        for (Map.Entry<String, JsonNode> member : node.properties()) {
            if (member.getKey().indexOf('\u0000') >= 0) {
                return "holds a NUL character";
            }
            String found = unstorable(member.getValue());
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static void checkEnvelopeMembers(JsonNode root) throws InvalidEventException {
        for (Map.Entry<String, JsonNode> member : root.properties()) {
            String name = member.getKey();
            if (ENVELOPE_FIELDS.contains(name)) {
                continue;
            }
            // CloudEvents lets producers add extension attributes; they are tolerated, not kept.
            if (!EXTENSION_NAME.matcher(name).matches() || member.getValue().isContainerNode()) {
                throw new InvalidEventException(UNKNOWN_FIELD, quoted(name));
            }
        }
    }

    private static String requiredText(JsonNode node, String field, String path) throws InvalidEventException {
        String value = optionalText(node, field, path);
        if (value == null || value.isBlank()) {
            throw new InvalidEventException(MISSING_FIELD, path + field);
        }
        return value;
    }

    private static String optionalText(JsonNode node, String field, String path) throws InvalidEventException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidEventException(WRONG_TYPE, path + field + " must be a string");
        }
        String text = value.textValue();
        if (text.indexOf('\u0000') >= 0) {
            throw new InvalidEventException(INVALID_VALUE, path + field + " holds a NUL character");
        }
        if (text.length() > MAX_ID_LENGTH && !"user_agent".equals(field) && !"reason".equals(field)) {
            throw new InvalidEventException(INVALID_VALUE, path + field + " is longer than " + MAX_ID_LENGTH);
        }
        return text;
    }

    private static JsonNode requiredObject(JsonNode node, String field, String path) throws InvalidEventException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new InvalidEventException(MISSING_FIELD, path + field);
        }
        if (!value.isObject()) {
            throw new InvalidEventException(WRONG_TYPE, path + field + " must be an object");
        }
        return value;
    }

    private static UUID uuid(String text) throws InvalidEventException {
        try {
            UUID id = UUID.fromString(text);
            if (!id.toString().equalsIgnoreCase(text)) {
                throw new IllegalArgumentException();
            }
            return id;
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException(INVALID_VALUE, "id must be a UUID");
        }
    }

    private static Instant timestamp(String text) throws InvalidEventException {
        // RFC 3339 has four-digit years; Java would also take "+300000-01-01T00:00:00Z", which no store can hold.
        if (!RFC_3339.matcher(text).matches()) {
            throw new InvalidEventException(INVALID_VALUE, "time must be an RFC 3339 timestamp");
        }
        try {
            // Our producers write Instant.toString() (UTC, 'Z'): the cheap parser first.
            if (text.endsWith("Z")) {
                Instant time = utc(text);
                return time != null ? time : Instant.parse(text);
            }
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidEventException(INVALID_VALUE, "time must be an RFC 3339 timestamp");
        }
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ss[.f…]Z}, already matched by {@link #RFC_3339}, read digit by digit: the
     * formatter behind Instant.parse allocated more per event than the rest of the envelope. Null where
     * Instant.parse has the last word (an impossible date, 24:00, a leap second).
     */
    private static Instant utc(String text) {
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        if (month < 1 || month > 12 || day < 1 || day > Month.of(month).length(Year.isLeap(year))
                || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        int end = text.length() - 1;
        int nanos = 0;
        if (end > 20) {
            nanos = digits(text, 20, end);
            for (int scale = end - 20; scale < 9; scale++) {
                nanos *= 10;
            }
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return value;
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static String quoted(String value) {
        String shown = value.length() > 64 ? value.substring(0, 64) + "…" : value;
        return "\"" + shown + "\"";
    }
}
