package com.agentwallex.contract.plan;

import com.agentwallex.contract.WireNamed;
import java.util.Optional;

/** The plans an organization can be on (SPEC §2); wire names are what tokens and events carry. */
public enum Plan implements WireNamed {
    FREE("free"), GROWTH("growth"), ENTERPRISE("enterprise");

    private final String wireName;

    Plan(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    public static Optional<Plan> fromWireName(String name) {
        return WireNamed.lookup(Plan.class, name);
    }
}
