package com.agentwallex.apikey.verification;

import java.util.List;

/**
 * What a service asks about a presented key. {@code required_environment} is optional: a service
 * that serves only production data sets it, and a sandbox key then never passes.
 */
public record VerifyRequest(String key, String clientIp, List<String> requiredScopes, String requiredEnvironment) {
}
