package com.agentwallex.sdk;

/** 400, 409 or another 4xx: the request itself is wrong; {@link #parameter()} names the member at fault when the API did. */
public final class InvalidRequestException extends ApiException {

    InvalidRequestException(Problem problem) {
        super(problem, null);
    }
}
