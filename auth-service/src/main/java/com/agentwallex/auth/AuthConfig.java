package com.agentwallex.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

@ConfigMapping(prefix = "awx.auth")
public interface AuthConfig {

    /** {@code iss} of our access tokens, and the base of our discovery document. */
    String issuer();

    /** {@code aud} of our access tokens: every AgentWallex API. */
    String audience();

    SignIn signIn();

    Signing signing();

    Tokens tokens();

    Refresh refresh();

    RateLimit rateLimit();

    AgentTokens agentTokens();

    Billing billing();

    interface SignIn {
        /** Exact URLs a sign-in may return to; anything else is refused. */
        List<String> returnToAllowlist();

        String defaultReturnTo();

        /** Return URLs whose sign-ins must send a PKCE challenge (S256); others may, and are then bound by it. */
        Optional<List<String>> pkceRequiredFor();

        @WithDefault("PT60S")
        Duration exchangeCodeTtl();
    }

    interface Signing {
        /** PKCS#8 PEM of the current ES256 private key (a mounted secret). */
        Optional<String> keyFile();

        /** Defaults to the key's RFC 7638 thumbprint. */
        Optional<String> keyId();

        /** X.509 PEM of the previous public key, still published so live tokens survive a rotation. */
        Optional<String> previousPublicKeyFile();

        /** The {@code kid} the previous key's tokens carry; defaults to its thumbprint, as {@link #keyId()}. */
        Optional<String> previousKeyId();

        /** Generate a throw-away key when none is configured: dev and test profiles only. */
        @WithDefault("false")
        boolean generateDevKey();
    }

    interface Tokens {
        @WithDefault("PT15M")
        Duration accessTtl();

        @WithDefault("P7D")
        Duration refreshIdleTtl();

        @WithDefault("P30D")
        Duration refreshAbsoluteTtl();

        /** A spent refresh token presented again within this returns the same successor. */
        @WithDefault("PT10S")
        Duration reuseGrace();

        /** Scopes a signed-in user's access token carries. */
        @WithDefault("agents:read,agents:write,wallets:read,wallets:write,payments:write,audit:read,api_keys:write")
        List<String> userScopes();
    }

    interface Refresh {
        /** Derives each refresh token's successor (so a racing tab gets the same one back). */
        String secret();
    }

    /** Short-lived tokens made from an API key (RFC 8693 token exchange at POST /api/v1/auth/token). */
    interface AgentTokens {
        /** The longest an agent token lives: at most 15 minutes; a caller may ask for less. */
        @WithDefault("PT15M")
        Duration maxTtl();

        /** Audiences a caller may ask for (the standard one, {@code awx.auth.audience}, always). */
        Optional<List<String>> extraAudiences();
    }

    interface Billing {
        /** Secrets of the billing system that reports plan changes; several, so they can be rotated. */
        Optional<List<String>> serviceCredentials();
    }

    interface RateLimit {
        /** Failed exchanges and refreshes allowed per client IP per window. */
        @WithDefault("20")
        int failuresPerWindow();

        @WithDefault("PT1M")
        Duration window();
    }
}
