package com.agentwallex.common.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerifyCacheTtlTest {

    private static RequestAuthConfig load(String cacheTtl) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(RequestAuthConfig.class)
                .withSources(new PropertiesConfigSource(Map.of(
                        "awx.request-auth.api-keys.required-environment", "any",
                        "awx.request-auth.api-keys.cache-ttl", cacheTtl), "test", 100))
                .build();
        return config.getConfigMapping(RequestAuthConfig.class);
    }

    @Test
    void aVerifyCacheOfUpToAMinuteIsAcceptedInEitherDurationForm() {
        assertThat(load("30s").apiKeys().cacheTtl()).isEqualTo(Duration.ofSeconds(30));
        assertThat(load("PT60S").apiKeys().cacheTtl()).isEqualTo(Duration.ofMinutes(1));
        assertThat(load("0s").apiKeys().cacheTtl()).isZero();
    }

    @Test
    void aVerifyCacheLongerThanAgentTokensOfRevokedKeysAreVoidedForIsRefusedAtStart() {
        assertThatThrownBy(() -> load("PT61S")).hasStackTraceContaining("awx.request-auth.api-keys.cache-ttl")
                .hasStackTraceContaining("from 0 to 60 s");
        assertThatThrownBy(() -> load("5m")).hasStackTraceContaining("got 5m");
        assertThatThrownBy(() -> load("-PT1S")).hasStackTraceContaining("from 0 to 60 s");
    }
}
