package com.agentwallex.sdk;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A short-lived token made from this client's API key ({@link AgentWallex#agentToken}): hand it to an
 * agent instead of the key, as {@code Authorization: Bearer <token>}. Its value never appears in
 * {@link #toString()}.
 */
public final class AgentToken {

    private final String token;
    private final Instant expiresAt;
    private final List<String> scopes;

    AgentToken(String token, Instant expiresAt, List<String> scopes) {
        this.token = token;
        this.expiresAt = expiresAt;
        this.scopes = List.copyOf(scopes);
    }

    /** The bearer token itself. */
    public String token() {
        return token;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    /** What it may do: the scopes asked for, a subset of the key's. */
    public List<String> scopes() {
        return scopes;
    }

    @Override
    public String toString() {
        return "AgentToken[scopes=" + scopes + ", expiresAt=" + expiresAt + "]";
    }

    /** The token endpoint's answer (RFC 8693 §2.2.1). */
    record Answer(String accessToken, long expiresIn, String scope) {

        @JsonCreator
        Answer(@JsonProperty("access_token") String accessToken, @JsonProperty("expires_in") long expiresIn,
               @JsonProperty("scope") String scope) {
            this.accessToken = accessToken;
            this.expiresIn = expiresIn;
            this.scope = scope;
        }

        AgentToken at(Instant issued) {
            return new AgentToken(accessToken, issued.plus(Duration.ofSeconds(expiresIn)),
                    scope == null || scope.isBlank() ? List.of() : List.of(scope.split(" ")));
        }

        @Override
        public String toString() {
            return "Answer[expiresIn=" + expiresIn + ", scope=" + scope + "]";
        }
    }
}
