package com.agentwallex.common.auth;

import com.agentwallex.contract.revocation.SessionRevocation;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sessions that have ended, each remembered until no access token of it can pass any more: its
 * last token's expiry plus the clock skew verifiers allow on {@code exp}. Forgetting at the
 * expiry itself would let a logged-out session's last token work for the length of the skew.
 */
final class RevokedSessions {

    private final Map<String, Instant> until = new ConcurrentHashMap<>();
    private final Duration clockSkew;

    RevokedSessions(Duration clockSkew) {
        this.clockSkew = clockSkew;
    }

    void add(SessionRevocation revocation, Instant now) {
        Instant keepUntil = revocation.expiresAt().plus(clockSkew);
        if (keepUntil.isAfter(now)) {
            until.put(revocation.sessionId(), keepUntil);
        }
        if (until.size() % 1024 == 0) {
            until.values().removeIf(t -> !t.isAfter(now));
        }
    }

    boolean isRevoked(String sessionId, Instant now) {
        if (sessionId == null) {
            return false;
        }
        Instant keepUntil = until.get(sessionId);
        if (keepUntil != null && !keepUntil.isAfter(now)) {
            until.remove(sessionId, keepUntil); // no token of it can pass now anyway
            return false;
        }
        return keepUntil != null;
    }

    int size() {
        return until.size();
    }
}
