package com.agentwallex.common.auth;

import io.quarkus.security.AuthenticationFailedException;
import java.util.Map;

/**
 * A well-signed access token whose session has ended: a 401 like any other, told apart where that
 * matters (logout, which is idempotent). Quarkus's exception is final, so an attribute marks it.
 */
public final class SessionEnded {

    private static final String ATTRIBUTE = "awx.session-ended";

    private SessionEnded() {
    }

    static AuthenticationFailedException exception() {
        return new AuthenticationFailedException("session ended", Map.of(ATTRIBUTE, Boolean.TRUE));
    }

    /** Whether authentication failed only because the token's session has ended. */
    public static boolean is(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof AuthenticationFailedException e && Boolean.TRUE.equals(e.getAttribute(ATTRIBUTE))) {
                return true;
            }
        }
        return false;
    }
}
