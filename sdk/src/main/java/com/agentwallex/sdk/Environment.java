package com.agentwallex.sdk;

import java.util.Locale;
import java.util.Optional;

/** Where a key works: sandbox keys never reach production data, and the reverse. */
public enum Environment {
    SANDBOX("sandbox", "https://api.sandbox.agentwallex.com"),
    PRODUCTION("production", "https://api.agentwallex.com");

    private final String wireName;
    private final String defaultBaseUrl;

    Environment(String wireName, String defaultBaseUrl) {
        this.wireName = wireName;
        this.defaultBaseUrl = defaultBaseUrl;
    }

    /** As the API spells it: {@code sandbox}, {@code production}. */
    public String wireName() {
        return wireName;
    }

    /** The public API that serves this environment's keys. */
    public String defaultBaseUrl() {
        return defaultBaseUrl;
    }

    /** {@code sandbox} or {@code production}, any case; empty for anything else. */
    public static Optional<Environment> fromWireName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String lower = name.trim().toLowerCase(Locale.ROOT);
        for (Environment e : values()) {
            if (e.wireName.equals(lower)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
