package com.agentwallex.apikey.management;

import com.agentwallex.apikey.core.ApiKeyProblems;
import com.agentwallex.apikey.core.Caller;
import com.agentwallex.common.net.IpAllowlist;
import com.agentwallex.common.ratelimit.RateLimitPolicy;
import com.agentwallex.common.web.Parameters;
import com.agentwallex.contract.apikey.ApiKeyFormat;
import com.agentwallex.contract.apikey.ApiKeyFormat.Environment;
import com.agentwallex.contract.apikey.Scope;
import com.agentwallex.contract.problem.InvalidParameterException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Validation of what users send to create and update keys; every refusal names the field. */
final class KeyInput {

    static final int MAX_NAME = 100;

    private KeyInput() {
    }

    static String name(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidParameterException("name", "name is required");
        }
        String trimmed = name.strip();
        if (trimmed.length() > MAX_NAME || trimmed.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidParameterException("name", "name must be at most " + MAX_NAME
                    + " characters without control characters");
        }
        if (ApiKeyFormat.appearsIn(trimmed)) {
            throw new InvalidParameterException("name", "name must not contain an API key: names are shown and audited");
        }
        return trimmed;
    }

    static Environment environment(String environment, Set<Environment> issued) {
        Environment named = Environment.fromWireName(environment).orElseThrow(() -> new InvalidParameterException(
                "environment", "environment must be \"sandbox\" or \"production\""));
        if (!issued.contains(named)) {
            throw new InvalidParameterException("environment", "this deployment issues " + String.join(" and ", wireNames(issued))
                    + " keys only: create a " + named.wireName() + " key where the " + named.wireName() + " API is served");
        }
        return named;
    }

    /** In catalogue order: sandbox before production. */
    static List<String> wireNames(Set<Environment> environments) {
        return environments.stream().sorted().map(Environment::wireName).toList();
    }

    /** Known scopes, each once, in catalogue order. */
    static String[] scopes(List<String> scopes) {
        if (scopes == null || scopes.isEmpty()) {
            throw new InvalidParameterException("scopes", "scopes must name at least one scope");
        }
        Set<Scope> known = EnumSet.noneOf(Scope.class);
        for (String s : scopes) {
            known.add(Scope.fromWireName(s).orElseThrow(() -> new InvalidParameterException("scopes",
                    "unknown scope " + quoted(s) + "; known scopes: " + catalogue())));
        }
        return known.stream().map(Scope::wireName).toArray(String[]::new);
    }

    static Instant expiresAt(String value, Instant now) {
        if (value == null) {
            return null;
        }
        Instant at = Parameters.timestamp("expires_at", value);
        if (!at.isAfter(now)) {
            throw new InvalidParameterException("expires_at", "expires_at must be in the future");
        }
        return at;
    }

    /**
     * An allowlist is a paid-plan feature; clearing one is always allowed. After a downgrade an
     * existing allowlist stays in force (dropping it would open the key to every address) but can
     * only be cleared, not changed.
     */
    static String[] allowlist(List<String> entries, Caller caller) {
        IpAllowlist allowlist = IpAllowlist.parse(entries);
        if (!allowlist.isEmpty() && !caller.ipAllowlists()) {
            throw ApiKeyProblems.planFeature("IP allowlists are available on the Growth and Enterprise plans; this "
                    + "organization is on the " + caller.plan() + " plan.");
        }
        return allowlist.canonical();
    }

    /** Each limit valid, one per window, at most four; null stays null (no change). */
    static List<RateLimitPolicy> rateLimits(List<ApiKeyRequests.RateLimit> limits) {
        if (limits == null) {
            return null;
        }
        List<RateLimitPolicy> policies = new ArrayList<>();
        for (ApiKeyRequests.RateLimit limit : limits) {
            if (limit == null || limit.limit() == null || limit.windowSeconds() == null) {
                throw new InvalidParameterException("rate_limits", "each rate limit needs limit and window_seconds");
            }
            try {
                policies.add(new RateLimitPolicy(limit.limit(), limit.windowSeconds()));
            } catch (IllegalArgumentException e) {
                throw new InvalidParameterException("rate_limits", e.getMessage());
            }
        }
        try {
            return RateLimitPolicy.checkedSet(policies);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("rate_limits", e.getMessage());
        }
    }

    private static String catalogue() {
        return String.join(", ", EnumSet.allOf(Scope.class).stream().map(Scope::wireName).toList());
    }

    /** Echo only what could be a scope name: a key pasted into the wrong field is never repeated back. */
    private static String quoted(String s) {
        return s != null && s.length() <= 40 && s.matches("[a-z_]+(:[a-z_]+)?") ? "\"" + s + "\"" : "(not shown)";
    }
}
