package com.agentwallex.apikey.ratelimit;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a replica may spend: {@code granted} more requests of the window, {@code remaining} still
 * unleased across all replicas; {@code limit} null when the key no longer has a limit for this window.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.ALWAYS)
record LeaseAnswer(long granted, long remaining, Long limit, int windowSeconds, long windowStart) {

    static LeaseAnswer unlimited(long requested) {
        return new LeaseAnswer(requested, 0, null, 0, 0);
    }
}
