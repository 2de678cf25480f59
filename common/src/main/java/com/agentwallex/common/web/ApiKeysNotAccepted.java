package com.agentwallex.common.web;

import io.quarkus.security.AuthenticationFailedException;
import java.util.Map;

/**
 * An {@code X-API-Key} where a service takes none (apikey-service's key management: keys never
 * manage keys). Still a 401, but its problem says why, instead of asking for "a valid X-API-Key"
 * from a caller who sent one. Quarkus's exception is final, so an attribute marks it.
 */
public final class ApiKeysNotAccepted {

    private static final String ATTRIBUTE = "awx.api-keys-not-accepted";

    private ApiKeysNotAccepted() {
    }

    public static AuthenticationFailedException exception() {
        return new AuthenticationFailedException("API keys are not accepted here", Map.of(ATTRIBUTE, Boolean.TRUE));
    }

    static boolean is(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof AuthenticationFailedException e && Boolean.TRUE.equals(e.getAttribute(ATTRIBUTE))) {
                return true;
            }
        }
        return false;
    }
}
