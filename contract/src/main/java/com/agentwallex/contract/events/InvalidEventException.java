package com.agentwallex.contract.events;

/** A record that is not a valid auth event; {@link #reason()} is what a dead-letter header carries. */
public final class InvalidEventException extends Exception {

    public enum Reason {
        TOO_LARGE, NOT_JSON, MISSING_FIELD, WRONG_TYPE, UNKNOWN_TYPE, UNKNOWN_FIELD, INVALID_VALUE,
        UNSUPPORTED_SPEC_VERSION
    }

    private final Reason reason;
    private final String detail;

    InvalidEventException(Reason reason, String detail) {
        super(reason + ": " + detail, null, false, false);
        this.reason = reason;
        this.detail = detail;
    }

    public Reason reason() {
        return reason;
    }

    public String detail() {
        return detail;
    }
}
