package com.agentwallex.contract;

import java.util.Optional;

/**
 * A constant with a name on the wire (in tokens, events, the API) that is written out apart from
 * its Java name, so that renaming a constant never changes what others read. Every such enum finds
 * its constants by wire name the same way, through {@link #lookup}.
 */
public interface WireNamed {

    /** As tokens, events and the API spell it. */
    String wireName();

    /**
     * The constant of {@code type} whose wire name is {@code wireName}, compared exactly; empty for
     * anything else, null included. The table is built once per enum.
     */
    static <E extends Enum<E> & WireNamed> Optional<E> lookup(Class<E> type, String wireName) {
        return wireName == null ? Optional.empty() : Optional.ofNullable(type.cast(WireNames.BY_ENUM.get(type).get(wireName)));
    }
}
