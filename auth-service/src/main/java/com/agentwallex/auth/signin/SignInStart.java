package com.agentwallex.auth.signin;

import com.agentwallex.auth.events.AuthReason;
import com.agentwallex.auth.token.Pkce;
import java.util.List;
import java.util.Map;

/**
 * What a browser asks for when it starts a sign-in: where to come back to, and the PKCE challenge
 * that will bind the exchange code to it. Judged once before the provider is involved (a bad
 * request never costs the user a sign-in) and again when the provider's answer comes back.
 */
record SignInStart(String returnTo, String codeChallenge) {

    /** Why a start is refused: the audit reason, the parameter to name, and what to tell the client. */
    record Refusal(AuthReason reason, String parameter, String detail) {
    }

    /** Either a start or a refusal, never both. */
    record Judged(SignInStart start, Refusal refusal) {
    }

    static Judged judge(Map<String, List<String>> query, ReturnToPolicy policy) {
        for (String name : List.of("return_to", "code_challenge", "code_challenge_method")) {
            if (query.getOrDefault(name, List.of()).size() > 1) {
                return refused(AuthReason.REPEATED_PARAMETER, name, name + " may be given once");
            }
        }
        String requested = one(query, "return_to");
        String returnTo = policy.resolve(requested);
        if (returnTo == null) {
            return refused(AuthReason.RETURN_TO_NOT_ALLOWED, "return_to", "return_to is not an allowed return URL");
        }
        String challenge = one(query, "code_challenge");
        String method = one(query, "code_challenge_method");
        if (challenge == null) {
            if (method != null) {
                return refused(AuthReason.INVALID_CODE_CHALLENGE, "code_challenge", "code_challenge_method needs a code_challenge");
            }
            if (policy.requiresPkce(returnTo)) {
                return refused(AuthReason.PKCE_REQUIRED, "code_challenge",
                        "a code_challenge (S256) is required to sign in to " + returnTo);
            }
            return new Judged(new SignInStart(returnTo, null), null);
        }
        if (!Pkce.METHOD.equals(method)) {
            return refused(AuthReason.INVALID_CODE_CHALLENGE, "code_challenge_method", "code_challenge_method must be S256");
        }
        if (!Pkce.isChallenge(challenge)) {
            return refused(AuthReason.INVALID_CODE_CHALLENGE, "code_challenge",
                    "code_challenge must be the base64url SHA-256 of the verifier (43 characters)");
        }
        return new Judged(new SignInStart(returnTo, challenge), null);
    }

    private static Judged refused(AuthReason reason, String parameter, String detail) {
        return new Judged(null, new Refusal(reason, parameter, detail));
    }

    private static String one(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() || values.get(0).isEmpty() ? null : values.get(0);
    }
}
