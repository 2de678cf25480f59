package com.agentwallex.auth.token;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The body of a successful exchange or refresh (OAuth 2.0 token response shape). Registered for
 * reflection: it travels inside a Response, so Quarkus cannot see it as an endpoint type.
 */
@RegisterForReflection
record TokenResponse(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("refresh_token") String refreshToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") long expiresIn,
        @JsonProperty("refresh_expires_in") long refreshExpiresIn) {
}
