package com.agentwallex.common.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * The request authentication every AgentWallex service gets from common: {@code X-API-Key} or
 * {@code Authorization: Bearer}. Off unless {@code awx.request-auth.enabled=true} at build time;
 * everything else has a working local default.
 */
@ConfigMapping(prefix = "awx.request-auth")
public interface RequestAuthConfig {

    /** Build time: registers the mechanism and its helpers. */
    @WithDefault("false")
    boolean enabled();

    Tokens tokens();

    ApiKeys apiKeys();

    interface Tokens {
        /** auth-service's JWKS (http, https or file). */
        @WithDefault("http://127.0.0.1:8081/.well-known/jwks.json")
        String jwksUrl();

        @WithDefault("http://127.0.0.1:8081")
        String issuer();

        @WithDefault("agentwallex-api")
        String audience();

        /** The JWKS is refetched this often, and on an unknown kid at most once per {@link #jwksMinRefetch()}. */
        @WithDefault("PT5M")
        Duration jwksRefresh();

        @WithDefault("PT30S")
        Duration jwksMinRefetch();
    }

    interface ApiKeys {
        /** False where keys must not be accepted (apikey-service's own management API). */
        @WithDefault("true")
        boolean enabled();

        @WithDefault("http://127.0.0.1:8082/internal/v1/api-keys/verify")
        String verifyUrl();

        /** apikey-service's rate-limit leases (ADR 19); by default beside verify. */
        Optional<String> leaseUrl();

        /** apikey-service's usage reports: uses answered from this service's cache; by default beside verify. */
        Optional<String> usageUrl();

        /** How often uses answered from the cache are reported. */
        @WithDefault("PT10S")
        Duration usageReportInterval();

        /** This service's credential for apikey-service's verify. */
        Optional<String> serviceCredential();

        /** How long a verify answer is reused; key revocations evict it sooner, via Kafka. */
        @WithDefault("PT30S")
        @WithConverter(VerifyCacheTtlConverter.class)
        Duration cacheTtl();

        @WithDefault("PT5S")
        Duration negativeCacheTtl();

        @WithDefault("10000")
        long cacheSize();

        @WithDefault("PT2S")
        Duration timeout();

        /**
         * Which keys this service accepts: {@code sandbox}, {@code production}, or {@code any}. Required,
         * so that no service serving production data can start without saying so (a sandbox key
         * must never reach real funds).
         */
        RequiredEnvironment requiredEnvironment();
    }
}
