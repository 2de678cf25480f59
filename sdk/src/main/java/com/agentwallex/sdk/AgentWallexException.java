package com.agentwallex.sdk;

/**
 * Everything the SDK throws. Messages never carry a key or a token: they name what went wrong and,
 * for an answer of the API, its {@code request_id} for a support ticket.
 */
public class AgentWallexException extends RuntimeException {

    AgentWallexException(String message, Throwable cause) {
        super(message, cause);
    }

    AgentWallexException(String message) {
        super(message);
    }
}
