package com.agentwallex.common.auth;

import com.agentwallex.contract.problem.ApiException;
import java.util.Locale;

/** The environment whose keys a service accepts (configuration values {@code sandbox}, {@code production}, {@code any}). */
public enum RequiredEnvironment {
    SANDBOX, PRODUCTION, ANY;

    /** The verify request's {@code required_environment}; null when any will do. */
    String wireName() {
        return this == ANY ? null : name().toLowerCase(Locale.ROOT);
    }

    /** Whether a credential of {@code environment} (a key, or an agent token made from one) is served here. */
    boolean admits(String environment) {
        return this == ANY || name().toLowerCase(Locale.ROOT).equals(environment);
    }

    /** The 401 a credential of another environment gets, saying which one this service serves. */
    ApiException refusal() {
        String served = wireName();
        return new ApiException(401, "wrong_environment", "Wrong environment", "This service serves " + served
                + " data and accepts only " + served + " keys; the key presented is for another environment.");
    }
}
