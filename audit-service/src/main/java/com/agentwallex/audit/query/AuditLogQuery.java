package com.agentwallex.audit.query;

import com.agentwallex.common.web.InvalidParameterException;
import com.agentwallex.common.events.AuthEvent;
import com.agentwallex.common.events.AuthEventType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** A validated page request; building one is where every bad parameter becomes a 400. */
record AuditLogQuery(
        String orgId,
        AuthEventType type,
        String actorId,
        AuthEvent.Outcome outcome,
        String ip,
        Instant from,
        Instant to,
        int limit,
        CursorCodec.Position after,
        Long afterSeq) {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    private static final Set<String> PARAMETERS = Set.of("type", "actor_id", "outcome", "ip", "from", "to", "limit", "cursor", "after_seq");
    private static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final Pattern PRINTABLE = Pattern.compile("[\\p{Graph}]{1,256}");

    static AuditLogQuery parse(String orgId, Map<String, List<String>> params, CursorCodec cursors) {
        for (Map.Entry<String, List<String>> p : params.entrySet()) {
            if (!PARAMETERS.contains(p.getKey())) {
                throw new InvalidParameterException(printable(p.getKey()), "unknown parameter; accepted: "
                        + String.join(", ", PARAMETERS.stream().sorted().toList()));
            }
            if (p.getValue().size() > 1) {
                throw new InvalidParameterException(p.getKey(), p.getKey() + " may be given once");
            }
        }
        AuthEventType type = one(params, "type") == null ? null : AuthEventType.fromWireName(one(params, "type"))
                .orElseThrow(() -> new InvalidParameterException("type", "type is not an audit event type"));
        String actorId = one(params, "actor_id");
        if (actorId != null && !PRINTABLE.matcher(actorId).matches()) {
            throw new InvalidParameterException("actor_id", "actor_id must be 1 to 256 printable characters");
        }
        AuthEvent.Outcome outcome = outcome(one(params, "outcome"));
        String ip = one(params, "ip");
        if (ip != null && !IPV4.matcher(ip).matches() && !(ip.contains(":") && IPV6.matcher(ip).matches())) {
            throw new InvalidParameterException("ip", "ip must be an IPv4 or IPv6 address");
        }
        Instant from = instant(params, "from");
        Instant to = instant(params, "to");
        if (from != null && to != null && from.isAfter(to)) {
            throw new InvalidParameterException("from", "from must not be after to");
        }
        int limit = limit(one(params, "limit"));
        String cursor = one(params, "cursor");
        CursorCodec.Position after = cursor == null ? null : cursors.decode(orgId, cursor);
        Long afterSeq = afterSeq(one(params, "after_seq"));
        if (afterSeq != null && after != null) {
            throw new InvalidParameterException("after_seq", "after_seq and cursor are two different orders; give one");
        }
        return new AuditLogQuery(orgId, type, actorId, outcome, ip, from, to, limit, after, afterSeq);
    }

    /** Stored order instead of newest first: the feed a poller follows (seq is never reused). */
    boolean inStoredOrder() {
        return afterSeq != null;
    }

    private static Long afterSeq(String value) {
        if (value == null) {
            return null;
        }
        try {
            long seq = Long.parseLong(value);
            if (seq >= 0) {
                return seq;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidParameterException("after_seq", "after_seq must be a whole number, 0 or more");
    }

    private static String one(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static AuthEvent.Outcome outcome(String value) {
        if (value == null) {
            return null;
        }
        return AuthEvent.Outcome.fromWireName(value)
                .orElseThrow(() -> new InvalidParameterException("outcome", "outcome must be success or failure"));
    }

    private static Instant instant(Map<String, List<String>> params, String name) {
        String value = one(params, name);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidParameterException(name, name + " must be an RFC 3339 timestamp, e.g. 2026-01-31T12:00:00Z");
        }
    }

    private static int limit(String value) {
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidParameterException("limit", "limit must be a whole number from 1 to " + MAX_LIMIT);
    }

    private static String printable(String name) {
        return PRINTABLE.matcher(name).matches() && name.length() <= 64 ? name : "(unprintable)";
    }
}
