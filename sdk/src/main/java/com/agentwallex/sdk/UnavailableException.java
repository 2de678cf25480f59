package com.agentwallex.sdk;

import java.time.Duration;
import java.util.Optional;

/**
 * The API, or something it depends on, is away for a moment (503, a gateway's 502 or 504), or no
 * answer came at all ({@link #status()} 0). Thrown once the client's retries are spent.
 */
public final class UnavailableException extends ApiException {

    private final Duration retryAfter;

    UnavailableException(Problem problem, Throwable cause) {
        super(problem, cause);
        this.retryAfter = problem.retryAfter();
    }

    /** The server's Retry-After, when it sent one. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
