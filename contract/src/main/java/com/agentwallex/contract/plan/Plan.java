package com.agentwallex.contract.plan;

import java.util.Arrays;
import java.util.Optional;

/** The plans an organization can be on (SPEC §2); wire names are what tokens and events carry. */
public enum Plan {
    FREE("free"), GROWTH("growth"), ENTERPRISE("enterprise");

    private final String wireName;

    Plan(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Plan> fromWireName(String name) {
        return Arrays.stream(values()).filter(p -> p.wireName.equals(name)).findFirst();
    }
}
