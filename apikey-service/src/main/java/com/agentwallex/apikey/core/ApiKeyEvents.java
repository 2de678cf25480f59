package com.agentwallex.apikey.core;

import com.agentwallex.contract.events.AuthEvent;
import com.agentwallex.contract.events.AuthEvent.ActorType;
import com.agentwallex.contract.events.AuthEvent.Outcome;
import com.agentwallex.contract.events.AuthEvent.Resource;
import com.agentwallex.common.events.AuthEventBuilder;
import com.agentwallex.contract.events.AuthEventType;
import com.agentwallex.contract.events.AuthTopics;
import com.agentwallex.contract.revocation.ApiKeyRevocation;
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

    private final Outbox outbox;
    private final Event<ApiKeyRevocation> revoked;

    ApiKeyEvents(Outbox outbox, Event<ApiKeyRevocation> revoked) {
        this.outbox = outbox;
        this.revoked = revoked;
    }

    /** A user changed a key (created, updated, rotated, revoked) or the organization's key policy. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void byUser(AuthEventType type, Caller caller, Resource resource, ClientContext client, Map<String, Object> details) {
        outbox.event(AuthEventBuilder.event(SOURCE, type).org(caller.orgId()).actor(ActorType.USER, caller.userId())
                .client(client.ip(), client.userAgent(), client.requestId()).resource(resource).details(details).build());
    }

    /** A reporter (secret scanning) told us a key is public; the key's organization hears of it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void leaked(ApiKeyEntity key, String reporter, ClientContext client, Map<String, Object> details) {
        outbox.event(AuthEventBuilder.event(SOURCE, AuthEventType.API_KEY_LEAKED).org(key.orgId)
                .actor(ActorType.SERVICE, reporter).outcome(Outcome.SUCCESS, "leaked")
                .client(client.ip(), client.userAgent(), client.requestId()).resource(resource(key)).details(details).build());
    }

    public static Resource resource(ApiKeyEntity key) {
        return new Resource("api_key", key.id);
    }

    /** Something the verify path observed (uses, failures), attributed to the key when there is one. */
    public static AuthEvent observation(AuthEventType type, String orgId, String keyId, Outcome outcome, String reason,
                                        String clientIp, Map<String, Object> details) {
        // Without an identified key there is no organization: the event belongs to none (UNKNOWN_ORG).
        return AuthEventBuilder.event(SOURCE, type).org(orgId == null ? AuthEventBuilder.UNKNOWN_ORG : orgId)
                .actor(ActorType.API_KEY, keyId == null ? "unknown" : keyId).outcome(outcome, reason)
                .client(clientIp, null, null).resource(keyId == null ? null : new Resource("api_key", keyId))
                .details(details).build();
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
        publish(keyId == null
                ? ApiKeyRevocation.ofOrganization(orgId, reason, now)
                : ApiKeyRevocation.ofKey(keyId, orgId, reason, now));
    }

    /** The key stops verifying for good at {@code endsAt}: agent tokens made from it must stop then too. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void invalidateEnding(String keyId, String orgId, String reason, Instant endsAt) {
        publish(ApiKeyRevocation.ending(keyId, orgId, reason, Instant.now(), endsAt));
    }

    private void publish(ApiKeyRevocation revocation) {
        outbox.record(AuthTopics.API_KEY_REVOCATIONS, revocation.recordKey(), revocation.encode());
        revoked.fire(revocation);
    }
}
