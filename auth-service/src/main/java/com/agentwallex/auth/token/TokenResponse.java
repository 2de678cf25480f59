package com.agentwallex.auth.token;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The body of a successful exchange or refresh (OAuth 2.0 token response shape). */
record TokenResponse(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("refresh_token") String refreshToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") long expiresIn,
        @JsonProperty("refresh_expires_in") long refreshExpiresIn) {
}
