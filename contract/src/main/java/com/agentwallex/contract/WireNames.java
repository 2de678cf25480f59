package com.agentwallex.contract;

import java.util.HashMap;
import java.util.Map;

/** {@link WireNamed#lookup}'s tables: per enum class, its constants by wire name, built on first use. */
final class WireNames {

    static final ClassValue<Map<String, Object>> BY_ENUM = new ClassValue<>() {
        @Override
        protected Map<String, Object> computeValue(Class<?> type) {
            Map<String, Object> byWireName = new HashMap<>();
            for (Object constant : type.getEnumConstants()) {
                String wireName = ((WireNamed) constant).wireName();
                // Two constants with one wire name would make decoding ambiguous: a programming error.
                if (byWireName.put(wireName, constant) != null) {
                    throw new IllegalStateException(type.getName() + " has two constants named " + wireName + " on the wire");
                }
            }
            return Map.copyOf(byWireName);
        }
    };

    private WireNames() {
    }
}
