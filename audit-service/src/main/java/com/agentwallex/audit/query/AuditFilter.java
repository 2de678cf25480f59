package com.agentwallex.audit.query;

import com.agentwallex.common.net.IpAddresses;
import com.agentwallex.common.web.Parameters;
import com.agentwallex.contract.events.AuthEvent;
import com.agentwallex.contract.events.AuthEventType;
import com.agentwallex.contract.problem.InvalidParameterException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The filters every read of an organization's log accepts, the pages and the export alike, so that
 * "the same filters" is true by construction. Building one is where every bad parameter becomes a
 * 400; its SQL only ever adds bound parameters, and the organization condition is always there.
 * The OpenAPI document describes its parameters once, in META-INF/openapi.yaml.
 */
public record AuditFilter(
        String orgId,
        AuthEventType type,
        String actorId,
        AuthEvent.Outcome outcome,
        String ip,
        Instant from,
        Instant to,
        Long afterSeq) {

    private static final Set<String> PARAMETERS = Set.of("type", "actor_id", "outcome", "ip", "from", "to", "after_seq");
    private static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final Pattern PRINTABLE = Pattern.compile("[\\p{Graph}]{1,256}");

    /**
     * The filters among {@code params}; {@code alsoAccepted} names the caller's own parameters, any
     * other name is a 400, and so is any parameter given twice.
     */
    public static AuditFilter parse(String orgId, Map<String, List<String>> params, Set<String> alsoAccepted) {
        Set<String> accepted = new HashSet<>(PARAMETERS);
        accepted.addAll(alsoAccepted);
        for (Map.Entry<String, List<String>> p : params.entrySet()) {
            if (!accepted.contains(p.getKey())) {
                throw new InvalidParameterException(printable(p.getKey()), "unknown parameter; accepted: "
                        + String.join(", ", accepted.stream().sorted().toList()));
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
        return new AuditFilter(orgId, type, actorId, outcome, IpAddresses.canonical(ip), from, to, afterSeq(one(params, "after_seq")));
    }

    /** The same filters, from after {@code seq} in stored order: the next page of a stored-order read. */
    public AuditFilter withAfterSeq(long seq) {
        return new AuditFilter(orgId, type, actorId, outcome, ip, from, to, seq);
    }

    /** Stored order instead of newest first: the feed a poller follows (seq is never reused). */
    public boolean inStoredOrder() {
        return afterSeq != null;
    }

    /**
     * {@code WHERE} and its conditions, as {@code $n} placeholders numbered after what {@code args}
     * already holds; their values are appended to {@code args}.
     */
    public void where(StringBuilder sql, List<Object> args) {
        args.add(orgId);
        sql.append(" WHERE org_id = $").append(args.size());
        if (type != null) {
            condition(sql, args, "type = $", type.wireName());
        }
        if (actorId != null) {
            condition(sql, args, "actor_id = $", actorId);
        }
        if (outcome != null) {
            condition(sql, args, "outcome = $", outcome.wireName());
        }
        if (ip != null) {
            // events stored before addresses were canonical may hold the JDK's spelling of the same address
            condition(sql, args, "client_ip = ANY($", new String[] {ip, IpAddresses.jdkSpelling(ip)});
            sql.append(')');
        }
        if (from != null) {
            condition(sql, args, "occurred_at >= $", utc(from));
        }
        if (to != null) {
            condition(sql, args, "occurred_at < $", utc(to));
        }
        if (afterSeq != null) {
            condition(sql, args, "seq > $", afterSeq);
        }
    }

    /** One value of a parameter that {@link #parse} has checked is given at most once. */
    public static String one(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static void condition(StringBuilder sql, List<Object> args, String column, Object value) {
        args.add(value);
        sql.append(" AND ").append(column).append(args.size());
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
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

    private static AuthEvent.Outcome outcome(String value) {
        if (value == null) {
            return null;
        }
        return AuthEvent.Outcome.fromWireName(value)
                .orElseThrow(() -> new InvalidParameterException("outcome", "outcome must be success or failure"));
    }

    private static Instant instant(Map<String, List<String>> params, String name) {
        return Parameters.timestamp(name, one(params, name));
    }

    private static String printable(String name) {
        return PRINTABLE.matcher(name).matches() && name.length() <= 64 ? name : "(unprintable)";
    }
}
