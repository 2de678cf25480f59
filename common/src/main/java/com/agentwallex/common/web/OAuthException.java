package com.agentwallex.common.web;

import com.agentwallex.contract.problem.ApiException;
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
    private final Map<String, String> carried;

    public OAuthException(int status, String error, String description) {
        this(status, error, description, Map.of());
    }

    private OAuthException(int status, String error, String description, Map<String, String> carried) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
        this.carried = carried;
    }

    /**
     * A problem (a spent rate limit, keys that cannot be checked) in OAuth's words, with the headers
     * its answer would have carried (Retry-After, RateLimit-Policy and RateLimit) but its challenge.
     */
    public static OAuthException of(ApiException problem, String error) {
        Map<String, String> headers = new LinkedHashMap<>(problem.headers());
        headers.remove("WWW-Authenticate");
        return new OAuthException(problem.status(), error, problem.getMessage(), Map.copyOf(headers));
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
        headers.putAll(carried);
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
