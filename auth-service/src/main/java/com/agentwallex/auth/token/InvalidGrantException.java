package com.agentwallex.auth.token;

import com.agentwallex.contract.problem.ApiException;

/** RFC 6749 {@code invalid_grant}: the code or token is unknown, spent, expired or revoked. */
final class InvalidGrantException extends ApiException {

    InvalidGrantException(String detail) {
        super(400, "invalid_grant", "Invalid grant", detail);
    }
}
