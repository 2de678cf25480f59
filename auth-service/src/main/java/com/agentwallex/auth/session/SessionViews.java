package com.agentwallex.auth.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the session API answers, in SPEC's snake_case. */
final class SessionViews {

    private SessionViews() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(requiredProperties = {"id", "created_at", "expires_at", "current"})
    record SessionView(String id, @JsonProperty("created_at") Instant createdAt,
                       @JsonProperty("expires_at") Instant expiresAt,
                       @JsonProperty("last_refreshed_at") Instant lastRefreshedAt,
                       @JsonProperty("client_ip") String clientIp, @JsonProperty("user_agent") String userAgent,
                       boolean current) {

        static SessionView of(SessionEntity s, String callersSessionId) {
            return new SessionView(s.id(), s.createdAt(), s.absoluteExpiresAt(), s.lastRefreshedAt(), s.clientIp(),
                    s.userAgent(), s.id().equals(callersSessionId));
        }
    }

    @Schema(requiredProperties = {"id"})
    record UserView(String id, String email, String name) {
    }

    @Schema(requiredProperties = {"id", "name", "plan"})
    record OrganizationView(String id, String name, String plan) {
    }

    @Schema(requiredProperties = {"id", "environment", "scopes"})
    record CallerKeyView(String id, String environment, List<String> scopes) {
    }

    /** {@code type} is {@code user} (with user and session) or {@code api_key} (with api_key). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(requiredProperties = {"type", "organization"})
    record Me(String type, UserView user, @JsonProperty("api_key") CallerKeyView apiKey, OrganizationView organization,
              SessionView session) {
    }
}
