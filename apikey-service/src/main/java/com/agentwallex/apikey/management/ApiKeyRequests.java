package com.agentwallex.apikey.management;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Bodies of the management API; unknown members are refused (see application.properties). */
final class ApiKeyRequests {

    private ApiKeyRequests() {
    }

    // required: what KeyInput refuses a key without, so that a generated client asks for it too
    @Schema(name = "CreateApiKeyRequest", requiredProperties = {"name", "environment", "scopes"})
    record Create(String name, String environment, List<String> scopes,
                  @Schema(format = "date-time") String expiresAt, List<String> ipAllowlist, List<RateLimit> rateLimits) {
    }

    /** Only the members present change; an empty {@code rate_limits} removes the key's limits. */
    @Schema(name = "UpdateApiKeyRequest")
    record Update(String name, List<String> scopes, List<String> ipAllowlist, List<RateLimit> rateLimits) {
    }

    /** At most {@code limit} successful requests in each window of {@code window_seconds} (1 to 86400). */
    @Schema(name = "ApiKeyRateLimit", requiredProperties = {"limit", "window_seconds"})
    record RateLimit(Long limit, Integer windowSeconds) {
    }

    @Schema(name = "UpdateApiKeyPolicyRequest", requiredProperties = "rotation_hard_expiry")
    record Policy(Boolean rotationHardExpiry) {
    }
}
