package com.agentwallex.sdk;

/** 401: no valid API key or access token (missing, revoked, expired, of the wrong environment for this API). */
public final class AuthenticationException extends ApiException {

    AuthenticationException(Problem problem) {
        super(problem, null);
    }
}
