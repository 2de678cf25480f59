package com.agentwallex.common.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error of an endpoint that speaks the OAuth 2.0 wire format (RFC 6749 §5.2): answered as
 * {@code application/json} with {@code error} and {@code error_description}, which is what OAuth
 * client libraries read, plus our {@code request_id}. Everywhere else errors are problem+json.
 */
public class OAuthException extends RuntimeException {

    private final int status;
    private final String error;
    private final long retryAfterSeconds;

    public OAuthException(int status, String error, String description) {
        this(status, error, description, 0);
    }

    public OAuthException(int status, String error, String description, long retryAfterSeconds) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** 400 invalid_request: a parameter is missing, repeated, malformed or unsupported. */
    public static OAuthException invalidRequest(String description) {
        return new OAuthException(400, "invalid_request", description);
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Cache-Control", "no-store");
        if (retryAfterSeconds > 0) {
            headers.put("Retry-After", Long.toString(retryAfterSeconds));
        }
        if (status == 401) {
            headers.put("WWW-Authenticate", "ApiKey header=\"X-API-Key\"");
        }
        return headers;
    }

    /** The RFC 6749 §5.2 body. */
    public record Body(String error, @JsonProperty("error_description") String errorDescription,
                       @JsonProperty("request_id") String requestId) {
    }
}
