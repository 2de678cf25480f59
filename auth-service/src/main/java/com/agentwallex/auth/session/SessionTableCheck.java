package com.agentwallex.auth.session;

import com.agentwallex.common.auth.SessionCheck;
import com.agentwallex.common.jdbc.Sql;
import io.agroal.api.AgroalDataSource;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * auth-service owns the sessions: its callers' tokens are checked against the session table, so a
 * logged-out session is refused here at once, not within the 5 s the revocation feed takes.
 * <p>
 * Every Bearer request to auth-service comes through here, so the read runs outside any transaction
 * on an auto-commit connection (ADR 24): one single-row read needs no begin and commit. That is why
 * it runs {@link SessionRepository}'s statement itself rather than calling the repository, which
 * requires a transaction.
 */
@Singleton
class SessionTableCheck implements SessionCheck {

    private final Sql sql;

    SessionTableCheck(AgroalDataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    @Override
    public CompletableFuture<State> check(String sessionId) {
        // JDBC blocks: off the event loop.
        return CompletableFuture.supplyAsync(() -> sql.one("session lookup", SessionRepository.BY_ID,
                        ps -> ps.setString(1, sessionId), SessionRepository::session)
                .filter(s -> s.isActive(Instant.now())).map(s -> State.ACTIVE).orElse(State.ENDED),
                Infrastructure.getDefaultWorkerPool());
    }
}
