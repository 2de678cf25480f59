package com.agentwallex.auth.token;

/**
 * What an exchange or refresh came to. Failures are values, not exceptions, so that the
 * transaction that records them (audit events, a revoked session) commits.
 */
sealed interface GrantOutcome {

    record Issued(TokenResponse tokens) implements GrantOutcome {
    }

    record Refused(String detail) implements GrantOutcome {
    }

    /** A secret we do not know, from a client over its failure limit: turned away with nothing recorded. */
    record Limited() implements GrantOutcome {
    }
}
