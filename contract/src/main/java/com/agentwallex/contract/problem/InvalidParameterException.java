package com.agentwallex.contract.problem;

/** A query or body parameter the API cannot accept; the problem names it. */
public final class InvalidParameterException extends ApiException {

    private final String parameter;

    public InvalidParameterException(String parameter, String detail) {
        super(400, "invalid_parameter", "Invalid parameter", detail);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
