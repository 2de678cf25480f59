package com.agentwallex.common.auth;

import com.agentwallex.common.web.FailureMarks;
import io.quarkus.security.AuthenticationFailedException;

/**
 * A well-signed access token whose session has ended: a 401 like any other, told apart where that
 * matters (logout, which is idempotent).
 */
public final class SessionEnded {

    private static final String MARK = "awx.session-ended";

    private SessionEnded() {
    }

    static AuthenticationFailedException exception() {
        return FailureMarks.marked("session ended", MARK);
    }

    /** Whether authentication failed only because the token's session has ended. */
    public static boolean is(Throwable failure) {
        return FailureMarks.isMarked(failure, MARK);
    }
}
