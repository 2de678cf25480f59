package com.agentwallex.auth.signin;

import com.agentwallex.contract.problem.ApiException;
import java.util.Map;

/** The identity provider's answer could not be accepted: the sign-in has to start again. */
final class SignInFailedException extends ApiException {

    SignInFailedException() {
        super(401, "sign_in_failed", "Sign-in failed",
                "The identity provider's answer could not be accepted; start the sign-in again.");
    }

    /** No Bearer challenge: the callback takes no token, a browser only has to start the sign-in again. */
    @Override
    public Map<String, String> headers() {
        return Map.of();
    }
}
