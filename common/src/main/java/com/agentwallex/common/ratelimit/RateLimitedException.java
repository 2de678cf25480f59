package com.agentwallex.common.ratelimit;

import com.agentwallex.contract.problem.ApiException;
import java.util.Map;

/**
 * 429: too many failures from this client, or a key's rate limit spent; {@link #retryAfterSeconds()}
 * goes in Retry-After, and a key's limit also sends its RateLimit-Policy and RateLimit headers.
 */
public final class RateLimitedException extends ApiException {

    private final long retryAfterSeconds;
    private final Map<String, String> extraHeaders;

    public RateLimitedException(long retryAfterSeconds) {
        this(retryAfterSeconds, "Too many failed attempts",
                "Too many failed attempts from this client; retry after " + retryAfterSeconds + " s.", Map.of());
    }

    private RateLimitedException(long retryAfterSeconds, String title, String detail, Map<String, String> extraHeaders) {
        super(429, "rate_limited", title, detail);
        this.retryAfterSeconds = retryAfterSeconds;
        this.extraHeaders = extraHeaders;
    }

    /** A key spent the budget of one of its policies for the current window. */
    public static RateLimitedException keyLimit(RateLimitPolicy policy, long retryAfterSeconds, Map<String, String> headers) {
        return new RateLimitedException(retryAfterSeconds, "Rate limit exceeded",
                "This API key's limit of " + policy.limit() + " requests per " + policy.name()
                        + " is spent; retry after " + retryAfterSeconds + " s.", Map.copyOf(headers));
    }

    @Override
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    @Override
    public Map<String, String> headers() {
        Map<String, String> headers = super.headers();
        headers.putAll(extraHeaders);
        return headers;
    }
}
