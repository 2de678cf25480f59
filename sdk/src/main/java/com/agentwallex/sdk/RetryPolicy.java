package com.agentwallex.sdk;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how patiently a call is tried again after a 429, a 503 (or a gateway's 502/504) or
 * a connection that failed. Only calls that are safe to repeat are retried: reads, deletes, and
 * creations and rotations, which carry an {@code Idempotency-Key} so a repeat gets the first
 * answer rather than a second key.
 *
 * <p>The wait before retry {@code n} (from 0) is drawn from [d/2, d] with
 * {@code d = min(maxDelay, initialDelay × 2^n)} (exponential backoff, "equal jitter", so many
 * clients do not come back in step), but never shorter than the server's Retry-After. When the
 * server asks for longer than {@code maxDelay}, the call fails at once with its Retry-After
 * rather than blocking the caller that long.
 */
public record RetryPolicy(int maxRetries, Duration initialDelay, Duration maxDelay) {

    public RetryPolicy {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be 0 or more");
        }
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("0 <= initialDelay <= maxDelay");
        }
    }

    /** Three retries, from 200 ms up to 5 s apart. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(5));
    }

    /** Every call is tried once. */
    public static RetryPolicy none() {
        return new RetryPolicy(0, Duration.ZERO, Duration.ZERO);
    }

    /**
     * The wait before retry {@code retry} (0 for the first), or null when there is to be none:
     * retries spent, or the server asked for longer than {@link #maxDelay()}.
     */
    Duration delayBefore(int retry, Duration retryAfter) {
        if (retry >= maxRetries || (retryAfter != null && retryAfter.compareTo(maxDelay) > 0)) {
            return null;
        }
        long capNanos = initialDelay.toNanos() << Math.min(retry, 30);
        if (capNanos < 0 || capNanos > maxDelay.toNanos()) {
            capNanos = maxDelay.toNanos();
        }
        long jittered = capNanos / 2 + ThreadLocalRandom.current().nextLong(capNanos / 2 + 1);
        Duration wait = Duration.ofNanos(jittered);
        return retryAfter != null && retryAfter.compareTo(wait) > 0 ? retryAfter : wait;
    }
}
