package com.agentwallex.auth.events;

/**
 * Why auth-service refused something or ended a session: an event's {@code reason}, the {@code
 * reason} tag of {@code awx_auth_refusals_total}, and an ended session's {@code revoke_reason} (in
 * the database and in its revocation record). Our own constants, never caller input, so the
 * metric's series stay few. The wire names are what audit readers, dashboards and SPEC's
 * consumers match on: each is written out and never changes.
 */
public enum AuthReason {

    // A sign-in refused (auth.login.failed): its start, or the provider's answer.
    REPEATED_PARAMETER("repeated_parameter"),
    RETURN_TO_NOT_ALLOWED("return_to_not_allowed"),
    INVALID_CODE_CHALLENGE("invalid_code_challenge"),
    PKCE_REQUIRED("pkce_required"),
    EMAIL_NOT_VERIFIED("email_not_verified"),
    CLAIM_WRONG_TYPE("claim_wrong_type"),
    PROVIDER_RESPONSE_REJECTED("provider_response_rejected"),

    // An exchange code refused (auth.token.exchange_failed); the PKCE ones also end the session.
    UNKNOWN_CODE("unknown_code"),
    CODE_REUSED("code_reused"),
    CODE_EXPIRED("code_expired"),
    CODE_VERIFIER_UNEXPECTED("code_verifier_unexpected"),
    CODE_VERIFIER_MISSING("code_verifier_missing"),
    CODE_VERIFIER_MISMATCH("code_verifier_mismatch"),

    // A refresh token refused (auth.token.refresh_failed, auth.token.reuse_detected).
    UNKNOWN_TOKEN("unknown_token"),
    SESSION_REVOKED("session_revoked"),
    REFRESH_TOKEN_REUSED("refresh_token_reused"),
    EXPIRED("expired"),
    /** Presented again within the reuse grace, but its successor has been refreshed already. */
    REFRESH_TOKEN_SUPERSEDED("refresh_token_superseded"),

    // One address failed too many grants, or sign-ins (rate_limit.exceeded).
    TOO_MANY_FAILED_GRANTS("too_many_failed_grants"),
    TOO_MANY_FAILED_SIGN_INS("too_many_failed_sign_ins"),

    // Why a session ended, besides the refusals above that end one.
    LOGOUT("logout"),
    REVOKED_BY_USER("revoked_by_user"),
    SIGNED_OUT_EVERYWHERE("signed_out_everywhere"),
    /** The session of an exchange code presented twice: the code leaked (the refusal itself is CODE_REUSED). */
    EXCHANGE_CODE_REUSED("exchange_code_reused");

    private final String wireName;

    AuthReason(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
