package com.agentwallex.apikey.verification;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The verify answer's {@code code}. SPEC §2 lists the first seven; WRONG_ENVIRONMENT is ours, for a
 * caller that states the environment it serves (a sandbox key never passes for production).
 */
@RegisterForReflection
public enum VerifyCode {
    VALID, MALFORMED, NOT_FOUND, REVOKED, EXPIRED, IP_NOT_ALLOWED, INSUFFICIENT_SCOPE, WRONG_ENVIRONMENT
}
