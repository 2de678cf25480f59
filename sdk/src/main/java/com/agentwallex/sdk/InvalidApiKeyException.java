package com.agentwallex.sdk;

/** A key refused on this machine, before any request: nothing was sent. {@link #reason()} says why. */
public final class InvalidApiKeyException extends AgentWallexException {

    public enum Reason {
        /** No key at all (AGENTWALLEX_API_KEY unset or empty). */
        MISSING,
        /** Not an AgentWallex key: wrong prefix, length or characters, or a checksum that does not match. */
        MALFORMED,
        /** A well-formed key of the other environment than the one this client was declared for. */
        WRONG_ENVIRONMENT
    }

    private final Reason reason;

    InvalidApiKeyException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
