package com.agentwallex.auth.session;

import com.agentwallex.common.auth.SessionCheck;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * auth-service owns the sessions: its callers' tokens are checked against the session table, so a
 * logged-out session is refused here at once, not within the 5 s the revocation feed takes.
 */
@Singleton
class SessionTableCheck implements SessionCheck {

    private final SessionRepository sessions;

    SessionTableCheck(SessionRepository sessions) {
        this.sessions = sessions;
    }

    @Override
    public CompletableFuture<State> check(String sessionId) {
        // JDBC blocks: off the event loop.
        return CompletableFuture.supplyAsync(() -> sessions.find(sessionId)
                .filter(s -> s.isActive(Instant.now())).map(s -> State.ACTIVE).orElse(State.ENDED),
                Infrastructure.getDefaultWorkerPool());
    }
}
