package com.agentwallex.apikey.verification;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

/**
 * The verdict on a key. For keys that exist the key's facts come along even when it fails (the
 * caller audits them); for MALFORMED and NOT_FOUND only the code. Never the key itself. {@code plan}
 * is the organization's plan as of the key's last change; {@code ip_allowlist} goes into agent
 * tokens made from the key, so they are held to it too, and so does {@code rate_limits} (each
 * {@code "<limit>/<window seconds>"}, spent by the caller through rate-limit leases, ADR 19). Registered for reflection: VerifyRoute
 * writes it with a plain ObjectMapper, outside any resource method.
 */
@RegisterForReflection
public record VerifyResponse(
        boolean valid,
        VerifyCode code,
        String keyId,
        String orgId,
        String environment,
        List<String> scopes,
        Instant expiresAt,
        Instant rotationDueAt,
        String status,
        String plan,
        List<String> ipAllowlist,
        List<String> rateLimits,
        @JsonIgnore CachedKey.Memo memo) {

    static VerifyResponse unknown(VerifyCode code) {
        return new VerifyResponse(false, code, null, null, null, null, null, null, null, null, null, null, null);
    }
}
