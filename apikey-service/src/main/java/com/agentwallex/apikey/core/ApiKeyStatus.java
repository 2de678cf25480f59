package com.agentwallex.apikey.core;

/** Where a key is in its life; ROTATING keys still work until their grace ends. */
public enum ApiKeyStatus {
    ACTIVE, ROTATING, EXPIRED, REVOKED;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
