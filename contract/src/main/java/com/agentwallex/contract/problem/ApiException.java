package com.agentwallex.contract.problem;

import java.util.LinkedHashMap;
import java.util.Map;

/** A client error with its RFC 9457 problem type; mapped to problem+json in one place. */
public class ApiException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;

    public ApiException(int status, String type, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    /** Seconds for a Retry-After header; 0 for none. */
    public long retryAfterSeconds() {
        return 0;
    }

    /** The headers this problem's answer carries besides its body. */
    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        if (retryAfterSeconds() > 0) {
            headers.put("Retry-After", Long.toString(retryAfterSeconds()));
        }
        if (status == 401) {
            headers.put("WWW-Authenticate", "Bearer");
        }
        return headers;
    }

    /** The problem+json body of this exception. */
    public Problem problem(String requestId) {
        return Problem.of(status, type, title, getMessage(), requestId,
                this instanceof InvalidParameterException p ? p.parameter() : null);
    }
}
