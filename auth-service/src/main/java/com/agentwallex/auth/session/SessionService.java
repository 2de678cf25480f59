package com.agentwallex.auth.session;

import com.agentwallex.auth.AuthConfig;
import com.agentwallex.auth.Ids;
import com.agentwallex.auth.events.AuthEvents;
import com.agentwallex.auth.events.AuthReason;
import com.agentwallex.contract.problem.ApiException;
import com.agentwallex.common.web.ClientContext;
import com.agentwallex.outbox.Outbox;
import com.agentwallex.contract.events.AuthEvent.Outcome;
import com.agentwallex.contract.events.AuthEvent.Resource;
import com.agentwallex.contract.events.AuthEventType;
import com.agentwallex.contract.events.AuthTopics;
import com.agentwallex.contract.revocation.SessionRevocation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;

/** Sessions begin at sign-in and end at logout, reuse detection, or their absolute expiry. */
@ApplicationScoped
public class SessionService {

    private final SessionRepository repository;
    private final AuthConfig config;
    private final Outbox outbox;
    private final AuthEvents events;

    SessionService(SessionRepository repository, AuthConfig config, Outbox outbox, AuthEvents events) {
        this.repository = repository;
        this.config = config;
        this.outbox = outbox;
        this.events = events;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public SessionEntity start(String userId, String orgId, ClientContext client, Instant now) {
        SessionEntity session = new SessionEntity(Ids.newId("ses"), userId, orgId, now,
                now.plus(config.tokens().refreshAbsoluteTtl()), null, client.ip(), client.userAgent(), null, null);
        repository.insert(session);
        return session;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<SessionEntity> lock(String id) {
        return repository.lock(id);
    }

    /**
     * A session its user ended did what was asked: a success, so an {@code outcome=failure} filter
     * shows only the sessions ended against the user (a reused token or code, a foreign verifier).
     */
    private static final Set<AuthReason> ENDED_BY_ITS_USER =
            EnumSet.of(AuthReason.LOGOUT, AuthReason.REVOKED_BY_USER, AuthReason.SIGNED_OUT_EVERYWHERE);

    /**
     * Ends a session: its refresh tokens stop working at once, and a revocation goes out so that
     * every verifier rejects its access tokens. Ending an ended session changes nothing.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void revoke(SessionEntity session, AuthReason reason, AuthEventType eventType, ClientContext client) {
        if (session.revokedAt() != null) {
            return;
        }
        Instant now = Instant.now();
        repository.revoke(session.id(), now, reason.wireName());
        // Access tokens minted just now may live one access TTL more; verifiers keep the revocation that long.
        Instant lastAccessExpiry = now.plus(config.tokens().accessTtl());
        outbox.record(AuthTopics.SESSION_REVOCATIONS, session.id(),
                new SessionRevocation(session.id(), session.orgId(), reason.wireName(), now, lastAccessExpiry).encode());
        events.user(eventType, session.orgId(), session.userId(), ENDED_BY_ITS_USER.contains(reason) ? Outcome.SUCCESS : Outcome.FAILURE,
                reason, client, new Resource("session", session.id()), Map.of());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public int revokeAllOf(String userId, AuthReason reason, AuthEventType eventType, ClientContext client) {
        List<SessionEntity> active = repository.lockUnrevokedOf(userId);
        active.forEach(s -> revoke(s, reason, eventType, client));
        return active.size();
    }

    @Transactional
    public List<SessionEntity> activeOf(String userId) {
        return repository.activeOf(userId, Instant.now());
    }

    /** The caller's own logout: ends the session its token belongs to (already ended: nothing happens). */
    @Transactional
    void logout(String sessionId, ClientContext client) {
        repository.lock(sessionId).ifPresent(s -> revoke(s, AuthReason.LOGOUT, AuthEventType.SESSION_LOGGED_OUT, client));
    }

    /** Ends one of the user's own sessions; another user's session is as absent as an unknown one. */
    @Transactional
    void endOwn(String userId, String sessionId, ClientContext client) {
        if (!Ids.isId("ses", sessionId)) {
            throw notFound();
        }
        SessionEntity session = repository.lock(sessionId).filter(s -> s.userId().equals(userId))
                .orElseThrow(SessionService::notFound);
        revoke(session, AuthReason.REVOKED_BY_USER, AuthEventType.SESSION_REVOKED, client);
    }

    /** Sign out everywhere: every session of the user ends, the calling one included. */
    @Transactional
    void signOutEverywhere(String userId, ClientContext client) {
        revokeAllOf(userId, AuthReason.SIGNED_OUT_EVERYWHERE, AuthEventType.SESSION_REVOKED, client);
    }

    private static ApiException notFound() {
        return new ApiException(404, "not_found", "Not found", "No session with this id.");
    }
}
