package com.agentwallex.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(4, Duration.ofMillis(100), Duration.ofMillis(500));

    @RepeatedTest(20)
    void waitsGrowExponentiallyWithJitterUpToTheCap() {
        assertThat(policy.delayBefore(0, null)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
        assertThat(policy.delayBefore(1, null)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(policy.delayBefore(2, null)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
        assertThat(policy.delayBefore(3, null)).isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
    }

    @Test
    void retriesAreBounded() {
        assertThat(policy.delayBefore(4, null)).isNull();
        assertThat(RetryPolicy.none().delayBefore(0, null)).isNull();
    }

    @Test
    void theServersRetryAfterIsTheShortestWaitAndOneLongerThanTheCapEndsTheRetries() {
        assertThat(policy.delayBefore(0, Duration.ofMillis(400))).isEqualTo(Duration.ofMillis(400));
        assertThat(policy.delayBefore(0, Duration.ofSeconds(2))).isNull();
    }
}
