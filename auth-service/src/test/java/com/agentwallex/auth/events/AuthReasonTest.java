package com.agentwallex.auth.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AuthReasonTest {

    /**
     * Audit readers, dashboards and alerts match on these strings, and ended sessions keep them in
     * the database: a renamed constant must not rename what was already written.
     */
    @Test
    void everyReasonKeepsTheWireNameAuditReadersAlreadyMatchOn() {
        assertThat(Arrays.stream(AuthReason.values()).map(AuthReason::wireName)).containsExactly(
                "repeated_parameter", "return_to_not_allowed", "invalid_code_challenge", "pkce_required",
                "email_not_verified", "claim_wrong_type", "provider_response_rejected",
                "unknown_code", "code_reused", "code_expired",
                "code_verifier_unexpected", "code_verifier_missing", "code_verifier_mismatch",
                "unknown_token", "session_revoked", "refresh_token_reused", "expired", "refresh_token_superseded",
                "too_many_failed_grants", "too_many_failed_sign_ins",
                "logout", "revoked_by_user", "signed_out_everywhere", "exchange_code_reused");
    }
}
