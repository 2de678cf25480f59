package com.agentwallex.common.web;

import io.quarkus.security.AuthenticationFailedException;

/**
 * An {@code X-API-Key} where a service takes none (apikey-service's key management: keys never
 * manage keys). Still a 401, but its problem says why, instead of asking for "a valid X-API-Key"
 * from a caller who sent one.
 */
public final class ApiKeysNotAccepted {

    private static final String MARK = "awx.api-keys-not-accepted";

    private ApiKeysNotAccepted() {
    }

    public static AuthenticationFailedException exception() {
        return FailureMarks.marked("API keys are not accepted here", MARK);
    }

    static boolean is(Throwable failure) {
        return FailureMarks.isMarked(failure, MARK);
    }
}
