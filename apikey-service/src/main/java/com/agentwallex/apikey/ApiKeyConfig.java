package com.agentwallex.apikey;

import com.agentwallex.common.auth.VerifyCacheTtlConverter;
import com.agentwallex.contract.apikey.ApiKeyFormat;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

@ConfigMapping(prefix = "awx.apikey")
public interface ApiKeyConfig {

    /** HMAC-SHA-256 secret the stored key hashes are keyed with; from the environment, ≥ 32 chars. */
    String hashSecret();

    /**
     * The environments this deployment issues keys for. A production cluster serves production keys
     * only (its services refuse sandbox ones, and the sandbox cluster never sees its keys), so a
     * sandbox key made there would work nowhere; one stack serving both (local, tests) issues both.
     */
    @WithDefault("sandbox,production")
    Set<ApiKeyFormat.Environment> keyEnvironments();

    /** Plans whose organizations may restrict keys to IP ranges. */
    @WithDefault("growth,enterprise")
    Set<String> allowlistPlans();

    Rotation rotation();

    Verify verify();

    /** How often counted uses become {@code api_key.used} events and {@code last_used_at}. */
    Usage usage();

    /** How often grouped verify failures become {@code api_key.verification_failed} events. */
    Failures failures();

    /** Leak reports in GitHub's secret scanning partner format. */
    SecretScanning secretScanning();

    interface SecretScanning {
        /**
         * Where the reporters' ECDSA public keys are published ({@code {"public_keys": [{key_identifier,
         * key}]}}; GitHub's is https://api.github.com/meta/public_keys/secret_scanning). Without it
         * every report is refused: nobody can be believed.
         */
        Optional<String> keysUrl();

        /** How long fetched keys are kept; an unknown key id refetches sooner (at most every 30 s). */
        @WithDefault("PT1H")
        Duration keysTtl();

        /** Reports one client address may send per window, signed or not. */
        @WithDefault("60")
        int reportsPerWindow();

        @WithDefault("PT1M")
        Duration window();

        /** Tokens one report may carry. */
        @WithDefault("1000")
        int maxTokens();
    }

    interface Usage {
        @WithDefault("60s")
        String interval();
    }

    interface Failures {
        @WithDefault("5s")
        String interval();
    }

    interface Rotation {
        /** A key is due for rotation this long after its creation (the seed's 90 days). */
        @WithDefault("P90D")
        Duration period();

        /** How long a rotated key keeps working when the caller names no grace. */
        @WithDefault("PT24H")
        Duration defaultGrace();

        @WithDefault("P7D")
        Duration maxGrace();
    }

    interface Verify {
        /** Secrets of the services allowed to call verify; several, so they can be rotated. */
        Optional<List<String>> serviceCredentials();

        /**
         * Known keys kept in memory, counted in plain keys (each allowlist network counts as one
         * more, see CachedKey.weight); beyond this the least used are dropped.
         */
        @WithDefault("100000")
        long cacheSize();

        /** How long a cached answer may live; revocations evict it sooner, via Kafka. */
        @WithDefault("PT60S")
        @WithConverter(VerifyCacheTtlConverter.class)
        Duration cacheTtl();

        @WithDefault("100000")
        long negativeCacheSize();

        @WithDefault("PT30S")
        Duration negativeCacheTtl();

        /** Failed verifications one client IP may cause per window before verify answers 429. */
        @WithDefault("100")
        int failuresPerWindow();

        @WithDefault("PT1M")
        Duration failureWindow();
    }
}
