package com.agentwallex.auth.token;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of a successful exchange or refresh (OAuth 2.0 token response shape). Registered for
 * reflection: it travels inside a Response, so Quarkus cannot see it as an endpoint type.
 */
@RegisterForReflection
@Schema(name = "TokenResponse", requiredProperties = {"access_token", "refresh_token", "token_type", "expires_in", "refresh_expires_in"})
record TokenResponse(
        @Schema(description = "An ES256 JWT (typ at+jwt) for Authorization: Bearer")
        @JsonProperty("access_token") String accessToken,
        @Schema(description = "Single use: spend it at /api/v1/auth/refresh for the next pair")
        @JsonProperty("refresh_token") String refreshToken,
        @Schema(enumeration = "Bearer") @JsonProperty("token_type") String tokenType,
        @Schema(description = "Seconds the access token is valid", examples = "900") @JsonProperty("expires_in") long expiresIn,
        @Schema(description = "Seconds the refresh token stays usable", examples = "604800")
        @JsonProperty("refresh_expires_in") long refreshExpiresIn) {
}
