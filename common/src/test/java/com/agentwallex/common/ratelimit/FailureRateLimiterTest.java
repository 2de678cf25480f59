package com.agentwallex.common.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

    /** Guesses sent together, each looked up before its failure is known: no more than the limit get a look-up. */
    @Test
    void attemptsSentTogetherNeverTakeMorePlacesThanTheLimit() throws Exception {
        FailureRateLimiter limiter = new FailureRateLimiter(20, Duration.ofMinutes(1));
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<FailureRateLimiter.Reservation>> attempts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            attempts.add(() -> {
                start.await();
                return limiter.reserve("203.0.113.9");
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<FailureRateLimiter.Reservation>> futures = new ArrayList<>();
            attempts.forEach(a -> futures.add(pool.submit(a)));
            start.countDown();
            List<FailureRateLimiter.Reservation> places = new ArrayList<>();
            for (Future<FailureRateLimiter.Reservation> f : futures) {
                places.add(f.get());
            }
            assertThat(places.stream().filter(Objects::nonNull)).hasSize(20)
                    .filteredOn(FailureRateLimiter.Reservation::usesUpTheWindow).hasSize(1);
            assertThat(limiter.retryAfterSeconds("203.0.113.9")).isPositive();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anAttemptThatSucceedsGivesItsPlaceBack() {
        FailureRateLimiter limiter = new FailureRateLimiter(2, Duration.ofMinutes(1));
        for (int i = 0; i < 10; i++) {
            limiter.reserve("198.51.100.7").release();
        }
        FailureRateLimiter.Reservation first = limiter.reserve("198.51.100.7");
        FailureRateLimiter.Reservation second = limiter.reserve("198.51.100.7");
        assertThat(first.usesUpTheWindow()).isFalse();
        assertThat(second.usesUpTheWindow()).isTrue();
        assertThat(limiter.reserve("198.51.100.7")).as("over the limit: refused").isNull();
        second.release();
        assertThat(limiter.reserve("198.51.100.7")).as("a place given back is free again").isNotNull();
    }
}
