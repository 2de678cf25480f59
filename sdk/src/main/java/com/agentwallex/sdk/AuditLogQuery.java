package com.agentwallex.sdk;

import java.time.Instant;
import java.util.Map;

/**
 * Filters for {@link AuditLogs#list(AuditLogQuery)}:
 * {@code AuditLogQuery.all().type("api_key.created").from(yesterday)}. Unset filters do not filter.
 */
public record AuditLogQuery(String type, String actorId, String outcome, String ip, Instant from, Instant to,
                           Integer pageSize) {

    public static AuditLogQuery all() {
        return new AuditLogQuery(null, null, null, null, null, null, null);
    }

    /** An event type of the audit vocabulary, e.g. {@code auth.login.failed}. */
    public AuditLogQuery type(String eventType) {
        return new AuditLogQuery(eventType, actorId, outcome, ip, from, to, pageSize);
    }

    public AuditLogQuery actorId(String actor) {
        return new AuditLogQuery(type, actor, outcome, ip, from, to, pageSize);
    }

    /** {@code success} or {@code failure}. */
    public AuditLogQuery outcome(String eventOutcome) {
        return new AuditLogQuery(type, actorId, eventOutcome, ip, from, to, pageSize);
    }

    public AuditLogQuery ip(String clientIp) {
        return new AuditLogQuery(type, actorId, outcome, clientIp, from, to, pageSize);
    }

    public AuditLogQuery from(Instant since) {
        return new AuditLogQuery(type, actorId, outcome, ip, since, to, pageSize);
    }

    public AuditLogQuery to(Instant until) {
        return new AuditLogQuery(type, actorId, outcome, ip, from, until, pageSize);
    }

    /** Events per request (the API's {@code limit}: default 50, at most 500); iteration goes on past it. */
    public AuditLogQuery pageSize(int size) {
        return new AuditLogQuery(type, actorId, outcome, ip, from, to, size);
    }

    /** The export's: the same filters, in NDJSON, no paging (it streams everything). */
    Map<String, String> exportParameters() {
        Map<String, String> parameters = Transport.query("format", "ndjson");
        parameters.putAll(filters());
        return parameters;
    }

    Map<String, String> parameters(String cursor) {
        Map<String, String> parameters = filters();
        parameters.putAll(Transport.query("limit", pageSize == null ? null : pageSize.toString(), "cursor", cursor));
        return parameters;
    }

    private Map<String, String> filters() {
        return Transport.query("type", type, "actor_id", actorId, "outcome", outcome, "ip", ip,
                "from", from == null ? null : from.toString(), "to", to == null ? null : to.toString());
    }
}
