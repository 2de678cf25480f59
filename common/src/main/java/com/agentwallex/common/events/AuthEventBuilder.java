package com.agentwallex.common.events;

import com.agentwallex.contract.events.AuthEvent.Actor;
import com.agentwallex.contract.events.AuthEvent.ActorType;
import com.agentwallex.contract.events.AuthEvent.Outcome;
import com.agentwallex.contract.events.AuthEvent.Resource;
import com.agentwallex.contract.events.AuthEvent;
import com.agentwallex.contract.events.AuthEventType;
import java.util.Map;

/**
 * The one way a service writes an event of the contract: its own source, a fresh id, stamped now,
 * in the current trace ({@link Traceparent}). Every service fills the same envelope, so what
 * differs between them is only what they say in it. Not thread-safe: one builder, one event.
 */
public final class AuthEventBuilder {

    /**
     * The organization of an event nobody could be attributed to (an unknown code, key or token):
     * it belongs to no tenant, and operators still see it.
     */
    public static final String UNKNOWN_ORG = "_unknown";

    private final String source;
    private final AuthEventType type;
    private String orgId = UNKNOWN_ORG;
    private Actor actor;
    private Outcome outcome = Outcome.SUCCESS;
    private String reason;
    private String clientIp;
    private String userAgent;
    private String requestId;
    private Resource resource;
    private Map<String, Object> details = Map.of();

    private AuthEventBuilder(String source, AuthEventType type) {
        this.source = source;
        this.type = type;
    }

    /** An event of {@code type} from {@code source}: a success of no organization until told otherwise. */
    public static AuthEventBuilder event(String source, AuthEventType type) {
        return new AuthEventBuilder(source, type);
    }

    public AuthEventBuilder org(String orgId) {
        this.orgId = orgId;
        return this;
    }

    public AuthEventBuilder actor(ActorType type, String id) {
        this.actor = new Actor(type, id);
        return this;
    }

    /** @param reason one of the service's own reason codes, never caller input; null for none */
    public AuthEventBuilder outcome(Outcome outcome, String reason) {
        this.outcome = outcome;
        this.reason = reason;
        return this;
    }

    /** Who was on the other end: each part may be unknown (null). */
    public AuthEventBuilder client(String ip, String userAgent, String requestId) {
        this.clientIp = ip;
        this.userAgent = userAgent;
        this.requestId = requestId;
        return this;
    }

    public AuthEventBuilder resource(Resource resource) {
        this.resource = resource;
        return this;
    }

    public AuthEventBuilder details(Map<String, Object> details) {
        this.details = details;
        return this;
    }

    /** The event; the subject is the actor's id, as for every event of the contract. */
    public AuthEvent build() {
        return AuthEvent.create(source, type, Traceparent.current(), new AuthEvent.Data(orgId, actor, outcome, reason,
                clientIp, userAgent, requestId, resource, details));
    }
}
