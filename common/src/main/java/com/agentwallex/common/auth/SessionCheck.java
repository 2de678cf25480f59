package com.agentwallex.common.auth;

import java.util.concurrent.CompletableFuture;

/**
 * Whether the session an access token belongs to is still going. Every service learns of ended
 * sessions from Kafka ({@link RevocationFeed}, the default: within 5 s); auth-service, which owns
 * the sessions, asks its own table and refuses an ended session at once.
 */
public interface SessionCheck {

    enum State {
        ACTIVE,
        ENDED,
        /** Not known yet (revocations still loading after a start): the caller should retry, not be refused. */
        UNKNOWN
    }

    /** Never blocks the calling (event-loop) thread. */
    CompletableFuture<State> check(String sessionId);
}
