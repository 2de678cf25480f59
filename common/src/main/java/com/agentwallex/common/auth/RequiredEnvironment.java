package com.agentwallex.common.auth;

import java.util.Locale;

/** The environment whose keys a service accepts (configuration values {@code sandbox}, {@code production}, {@code any}). */
public enum RequiredEnvironment {
    SANDBOX, PRODUCTION, ANY;

    /** The verify request's {@code required_environment}; null when any will do. */
    String wireName() {
        return this == ANY ? null : name().toLowerCase(Locale.ROOT);
    }
}
