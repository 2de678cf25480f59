package com.agentwallex.common.auth;

import io.quarkus.arc.DefaultBean;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;

/** Every service's view of sessions: ended when the revocation feed says so, unknown until it has caught up. */
@Singleton
@DefaultBean
@IfBuildProperty(name = "awx.request-auth.enabled", stringValue = "true")
class RevokedSessionCheck implements SessionCheck {

    private final RevocationFeed revocations;

    RevokedSessionCheck(RevocationFeed revocations) {
        this.revocations = revocations;
    }

    @Override
    public CompletableFuture<State> check(String sessionId) {
        if (!revocations.caughtUp()) {
            return CompletableFuture.completedFuture(State.UNKNOWN);
        }
        return CompletableFuture.completedFuture(revocations.sessionRevoked(sessionId) ? State.ENDED : State.ACTIVE);
    }
}
