package com.agentwallex.contract.events;

/** Topic names of the contract (SPEC §3), and the headers a dead-lettered record carries. */
public final class AuthTopics {

    public static final String AUTH_EVENTS = "agentwallex.auth-events.v1";
    public static final String AUTH_EVENTS_DLQ = AUTH_EVENTS + ".dlq";
    public static final String SESSION_REVOCATIONS = "agentwallex.session-revocations.v1";
    public static final String API_KEY_REVOCATIONS = "agentwallex.api-key-revocations.v1";
    /** Each organization's current plan, keyed by organization id (compacted). */
    public static final String ORGANIZATION_PLANS = "agentwallex.organization-plans.v1";

    public static final String HEADER_CONTENT_TYPE = "content-type";
    public static final String CLOUDEVENTS_JSON = "application/cloudevents+json; charset=UTF-8";

    public static final String DLQ_REASON = "awx-dlq-reason";
    public static final String DLQ_DETAIL = "awx-dlq-detail";
    public static final String DLQ_SOURCE_TOPIC = "awx-dlq-source-topic";
    public static final String DLQ_SOURCE_PARTITION = "awx-dlq-source-partition";
    public static final String DLQ_SOURCE_OFFSET = "awx-dlq-source-offset";
    /** On a dead letter whose value was too large to carry: its size and SHA-256; the source record has it. */
    public static final String DLQ_VALUE_OMITTED = "awx-dlq-value-omitted";

    private AuthTopics() {
    }
}
