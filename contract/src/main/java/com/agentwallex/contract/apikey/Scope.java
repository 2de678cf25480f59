package com.agentwallex.contract.apikey;

import com.agentwallex.contract.WireNamed;
import java.util.Optional;

/** The one catalogue of scopes an API key or access token can carry. */
public enum Scope implements WireNamed {
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

    @Override
    public String wireName() {
        return wireName;
    }

    public static Optional<Scope> fromWireName(String name) {
        return WireNamed.lookup(Scope.class, name);
    }
}
