package com.agentwallex.sdk;

/** 404: no such resource in the caller's organization. */
public final class NotFoundException extends ApiException {

    NotFoundException(Problem problem) {
        super(problem, null);
    }
}
