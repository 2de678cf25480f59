package com.agentwallex.common.web;

import io.quarkus.security.AuthenticationFailedException;
import java.util.Map;

/**
 * A 401 told apart from the others where that matters: Quarkus's exception is final, so an
 * attribute marks it, and the mark is looked for along the causes.
 */
public final class FailureMarks {

    private FailureMarks() {
    }

    public static AuthenticationFailedException marked(String message, String mark) {
        return new AuthenticationFailedException(message, Map.of(mark, Boolean.TRUE));
    }

    public static boolean isMarked(Throwable failure, String mark) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof AuthenticationFailedException e && Boolean.TRUE.equals(e.getAttribute(mark))) {
                return true;
            }
        }
        return false;
    }
}
