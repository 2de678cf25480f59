package com.agentwallex.auth.token;

import com.agentwallex.common.auth.AgentTokens;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** RFC 8693 §2.2.1: the agent token and what it allows. */
@Schema(name = "AgentTokenResponse", requiredProperties = {"access_token", "issued_token_type", "token_type", "expires_in", "scope"})
record AgentTokenResponse(
        @Schema(description = "An ES256 JWT (typ at+jwt) for Authorization: Bearer, made from the API key")
        @JsonProperty("access_token") String accessToken,
        @Schema(enumeration = AgentTokens.ACCESS_TOKEN_TYPE)
        @JsonProperty("issued_token_type") String issuedTokenType,
        @Schema(enumeration = "Bearer") @JsonProperty("token_type") String tokenType,
        @Schema(description = "Seconds the token is valid", examples = "900") @JsonProperty("expires_in") long expiresIn,
        @Schema(description = "The scopes it carries, space-separated") @JsonProperty("scope") String scope) {
}
