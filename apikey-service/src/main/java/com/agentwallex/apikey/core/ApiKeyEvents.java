package com.agentwallex.apikey.core;

import com.agentwallex.common.events.AuthEvent;
import com.agentwallex.common.events.AuthEvent.Actor;
import com.agentwallex.common.events.AuthEvent.ActorType;
import com.agentwallex.common.events.AuthEvent.Outcome;
import com.agentwallex.common.events.AuthEvent.Resource;
import com.agentwallex.common.events.AuthEventType;
import com.agentwallex.common.events.AuthTopics;
import com.agentwallex.common.events.Traceparent;
import com.agentwallex.common.revocation.ApiKeyRevocation;
import com.agentwallex.common.web.ClientContext;
import com.agentwallex.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Queues audit events and cache revocations in the caller's transaction. Events name keys by id
 * and masked form only. A revocation is also fired locally, so this replica's caches forget the
 * key the moment the change commits, while the others hear it from Kafka.
 */
@ApplicationScoped
public class ApiKeyEvents {

    public static final String SOURCE = "apikey-service";
    /** Failures where no key could be identified belong to no tenant; operators still see them. */
    public static final String UNKNOWN_ORG = "_unknown";

    private final Outbox outbox;
    private final Event<ApiKeyRevocation> revoked;

    ApiKeyEvents(Outbox outbox, Event<ApiKeyRevocation> revoked) {
        this.outbox = outbox;
        this.revoked = revoked;
    }

    /** A user changed a key (created, updated, rotated, revoked) or the organization's key policy. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void byUser(AuthEventType type, Caller caller, Resource resource, ClientContext client, Map<String, Object> details) {
        outbox.event(AuthEvent.create(SOURCE, type, Traceparent.current(), new AuthEvent.Data(caller.orgId(),
                new Actor(ActorType.USER, caller.userId()), Outcome.SUCCESS, null, client.ip(), client.userAgent(),
                client.requestId(), resource, details)));
    }

    /** A reporter (secret scanning) told us a key is public; the key's organization hears of it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void leaked(ApiKeyEntity key, String reporter, ClientContext client, Map<String, Object> details) {
        outbox.event(AuthEvent.create(SOURCE, AuthEventType.API_KEY_LEAKED, Traceparent.current(), new AuthEvent.Data(key.orgId,
                new Actor(ActorType.SERVICE, reporter), Outcome.SUCCESS, "leaked", client.ip(), client.userAgent(),
                client.requestId(), resource(key), details)));
    }

    public static Resource resource(ApiKeyEntity key) {
        return new Resource("api_key", key.id);
    }

    /** Something the verify path observed (uses, failures), attributed to the key when there is one. */
    public static AuthEvent observation(AuthEventType type, String orgId, String keyId, Outcome outcome, String reason,
                                        String clientIp, Map<String, Object> details) {
        String org = orgId == null ? UNKNOWN_ORG : orgId;
        Actor actor = new Actor(ActorType.API_KEY, keyId == null ? "unknown" : keyId);
        Resource resource = keyId == null ? null : new Resource("api_key", keyId);
        return AuthEvent.create(SOURCE, type, Traceparent.current(),
                new AuthEvent.Data(org, actor, outcome, reason, clientIp, null, null, resource, details));
    }

    /** Queues observations in one batch. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void observed(List<AuthEvent> observations) {
        outbox.events(observations);
    }

    /** Every cache of verify answers, here and in other services, must forget this key (or org). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void invalidate(String keyId, String orgId, String reason) {
        Instant now = Instant.now();
        ApiKeyRevocation revocation = keyId == null
                ? ApiKeyRevocation.ofOrganization(orgId, reason, now)
                : ApiKeyRevocation.ofKey(keyId, orgId, reason, now);
        outbox.record(AuthTopics.API_KEY_REVOCATIONS, revocation.recordKey(), revocation.encode());
        revoked.fire(revocation);
    }
}
