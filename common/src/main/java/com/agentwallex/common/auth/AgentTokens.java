package com.agentwallex.common.auth;

import java.time.Duration;

/** What every verifier and the issuer agree on about agent tokens (RFC 8693 exchanges of an API key). */
public final class AgentTokens {

    /** The longest an agent token may live; auth-service may be configured lower, never higher. */
    public static final Duration MAX_LIFETIME = Duration.ofMinutes(15);

    private AgentTokens() {
    }
}
