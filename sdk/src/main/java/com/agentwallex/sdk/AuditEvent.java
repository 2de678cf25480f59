package com.agentwallex.sdk;

import java.time.Instant;
import java.util.Map;

/**
 * One entry of the organization's audit log (a CloudEvent of the auth event vocabulary), with its
 * place in the organization's hash chain: {@code seq}, {@code prevHash}, {@code hash}.
 * {@code traceparent} is the W3C trace context of the request behind it: send your own
 * {@code traceparent} header and its trace id comes back here.
 */
public record AuditEvent(String id, String type, Instant time, String source, String subject, String orgId, Actor actor,
                         String outcome, String reason, String clientIp, String userAgent, String requestId,
                         Resource resource, Map<String, Object> details, String traceparent, Long seq,
                         String prevHash, String hash) {

    /** Who acted: {@code user}, {@code api_key} or {@code service}, and its id. */
    public record Actor(String type, String id) {
    }

    /** What was acted on, e.g. {@code api_key} and the key's id. */
    public record Resource(String type, String id) {
    }
}
