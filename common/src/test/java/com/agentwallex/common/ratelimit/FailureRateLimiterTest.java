package com.agentwallex.common.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FailureRateLimiterTest {

    @Test
    void anIpv6ClientIsCountedPerSlash64SoRotatingItsOwnAddressesDoesNotEscape() {
        FailureRateLimiter limiter = new FailureRateLimiter(3, Duration.ofMinutes(1));
        limiter.recordFailure("2001:db8:1:2::1");
        limiter.recordFailure("2001:db8:1:2:ffff::7");
        assertThat(limiter.recordFailure("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).as("the third in the /64 uses up the window").isTrue();
        assertThat(limiter.retryAfterSeconds("2001:db8:1:2::99")).isPositive();
        assertThat(limiter.retryAfterSeconds("2001:db8:1:3::1")).as("the next /64 is someone else").isZero();
    }

    @Test
    void anIpv4ClientIsCountedPerAddressAndItsMappedFormIsTheSameClient() {
        FailureRateLimiter limiter = new FailureRateLimiter(2, Duration.ofMinutes(1));
        limiter.recordFailure("198.51.100.7");
        limiter.recordFailure("::ffff:198.51.100.7");
        assertThat(limiter.retryAfterSeconds("198.51.100.7")).isPositive();
        assertThat(limiter.retryAfterSeconds("198.51.100.8")).isZero();
    }
}
