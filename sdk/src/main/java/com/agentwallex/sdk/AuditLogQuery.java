package com.agentwallex.sdk;

import java.time.Instant;
import java.util.Map;

/**
 * Filters for {@link AuditLogs#list(AuditLogQuery)}:
 * {@code AuditLogQuery.all().type("api_key.created").from(yesterday)}. Unset filters do not filter.
 */
public record AuditLogQuery(String type, String actorId, String outcome, String ip, Instant from, Instant to,
                           Integer pageSize, Long afterSeq) {

    public static AuditLogQuery all() {
        return new AuditLogQuery(null, null, null, null, null, null, null, null);
    }

    /** An event type of the audit vocabulary, e.g. {@code auth.login.failed}. */
    public AuditLogQuery type(String eventType) {
        return new AuditLogQuery(eventType, actorId, outcome, ip, from, to, pageSize, afterSeq);
    }

    public AuditLogQuery actorId(String actor) {
        return new AuditLogQuery(type, actor, outcome, ip, from, to, pageSize, afterSeq);
    }

    /** {@code success} or {@code failure}. */
    public AuditLogQuery outcome(String eventOutcome) {
        return new AuditLogQuery(type, actorId, eventOutcome, ip, from, to, pageSize, afterSeq);
    }

    public AuditLogQuery ip(String clientIp) {
        return new AuditLogQuery(type, actorId, outcome, clientIp, from, to, pageSize, afterSeq);
    }

    public AuditLogQuery from(Instant since) {
        return new AuditLogQuery(type, actorId, outcome, ip, since, to, pageSize, afterSeq);
    }

    public AuditLogQuery to(Instant until) {
        return new AuditLogQuery(type, actorId, outcome, ip, from, until, pageSize, afterSeq);
    }

    /** Events per request (the API's {@code limit}: default 50, at most 500); iteration goes on past it. */
    public AuditLogQuery pageSize(int size) {
        return new AuditLogQuery(type, actorId, outcome, ip, from, to, size, afterSeq);
    }

    /**
     * Stored order instead of newest first: the events stored after this {@code seq} (0 for the
     * start), each exactly once, also one that arrives late with an older time. A poller passes the
     * last {@link AuditEvent#seq()} it received; an export with it is an incremental export.
     */
    public AuditLogQuery afterSeq(long seq) {
        if (seq < 0) {
            throw new IllegalArgumentException("after_seq is 0 or more: " + seq);
        }
        return new AuditLogQuery(type, actorId, outcome, ip, from, to, pageSize, seq);
    }

    /** The export's: the same filters, in NDJSON, no paging (it streams everything). */
    Map<String, String> exportParameters() {
        Map<String, String> parameters = Transport.query("format", "ndjson");
        parameters.putAll(filters());
        return parameters;
    }

    /** A page's: {@code cursor} is the previous page's next_cursor, or in stored order the last seq it held. */
    Map<String, String> parameters(String cursor) {
        Map<String, String> parameters = afterSeq == null ? filters() : filters(cursor != null ? cursor : afterSeq.toString());
        parameters.putAll(Transport.query("limit", pageSize == null ? null : pageSize.toString(),
                "cursor", afterSeq == null ? cursor : null));
        return parameters;
    }

    private Map<String, String> filters() {
        return filters(afterSeq == null ? null : afterSeq.toString());
    }

    private Map<String, String> filters(String afterSeqValue) {
        return Transport.query("type", type, "actor_id", actorId, "outcome", outcome, "ip", ip,
                "from", from == null ? null : from.toString(), "to", to == null ? null : to.toString(),
                "after_seq", afterSeqValue);
    }
}
