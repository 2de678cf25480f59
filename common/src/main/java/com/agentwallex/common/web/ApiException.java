package com.agentwallex.common.web;

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
}
