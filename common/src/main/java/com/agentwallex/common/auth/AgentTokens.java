package com.agentwallex.common.auth;

import java.time.Duration;

/** What every verifier and the issuer agree on about agent tokens (RFC 8693 exchanges of an API key). */
public final class AgentTokens {

    /** The longest an agent token may live; auth-service may be configured lower, never higher. */
    public static final Duration MAX_LIFETIME = Duration.ofMinutes(15);

    /** RFC 8693's grant type, the only one the token endpoint speaks. */
    public static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:token-exchange";
    /** Our subject token type: an {@code awx_} API key (RFC 8693 leaves subject token types open). */
    public static final String API_KEY_TOKEN_TYPE = "urn:agentwallex:params:oauth:token-type:api-key";
    /** RFC 8693's type of what is issued: an access token. */
    public static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";
    /** Where the exchange is served, below the issuer. */
    public static final String TOKEN_PATH = "/api/v1/auth/token";

    /**
     * The key's rate limits, in {@code RateLimitPolicy} wire form: an agent token spends its key's
     * budget, so making tokens is no way around the key's limits.
     */
    public static final String RATE_LIMITS_CLAIM = "rate_limits";

    private AgentTokens() {
    }
}
