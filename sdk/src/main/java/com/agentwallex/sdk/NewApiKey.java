package com.agentwallex.sdk;

import java.time.Instant;
import java.util.List;

/** What {@link ApiKeys#create(NewApiKey)} asks for: {@code NewApiKey.of("ci", Environment.SANDBOX, "agents:read")}. */
public record NewApiKey(String name, Environment environment, List<String> scopes, Instant expiresAt,
                        List<String> ipAllowlist, List<RateLimit> rateLimits) {

    public static NewApiKey of(String name, Environment environment, String... scopes) {
        return new NewApiKey(name, environment, List.of(scopes), null, null, null);
    }

    public NewApiKey withExpiresAt(Instant at) {
        return new NewApiKey(name, environment, scopes, at, ipAllowlist, rateLimits);
    }

    /** CIDR blocks the key may be used from (Growth and Enterprise plans). */
    public NewApiKey withIpAllowlist(List<String> cidrs) {
        return new NewApiKey(name, environment, scopes, expiresAt, List.copyOf(cidrs), rateLimits);
    }

    /** Limits on the key's successful calls, e.g. {@code RateLimit.perSecond(10), RateLimit.perDay(100_000)}. */
    public NewApiKey withRateLimits(RateLimit... limits) {
        return new NewApiKey(name, environment, scopes, expiresAt, ipAllowlist, RateLimit.forRequest(limits));
    }
}
