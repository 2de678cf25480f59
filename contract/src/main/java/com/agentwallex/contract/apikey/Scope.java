package com.agentwallex.contract.apikey;

import java.util.Optional;

/** The one catalogue of scopes an API key or access token can carry. */
public enum Scope {
    AGENTS_READ("agents:read"),
    AGENTS_WRITE("agents:write"),
    WALLETS_READ("wallets:read"),
    WALLETS_WRITE("wallets:write"),
    PAYMENTS_WRITE("payments:write"),
    AUDIT_READ("audit:read"),
    API_KEYS_WRITE("api_keys:write");

    private final String wireName;

    Scope(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Scope> fromWireName(String name) {
        for (Scope s : values()) {
            if (s.wireName.equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
