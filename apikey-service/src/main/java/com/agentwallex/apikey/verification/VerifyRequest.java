package com.agentwallex.apikey.verification;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * What a service asks about a presented key. {@code required_environment} is optional: a service
 * that serves only production data sets it, and a sandbox key then never passes. {@code fresh}
 * asks for the key as stored, past this replica's cache, and counts no use: the re-check of a key
 * already verified for the request, before making a credential that outlives every cache (an agent
 * token). Registered for reflection: VerifyRoute reads it with a plain ObjectMapper, outside any
 * resource method.
 */
@RegisterForReflection
public record VerifyRequest(String key, String clientIp, List<String> requiredScopes, String requiredEnvironment,
                            Boolean fresh) {

    boolean isFresh() {
        return Boolean.TRUE.equals(fresh);
    }
}
