package com.agentwallex.auth.account;

import java.time.Instant;

/** A person, keyed by (issuer, subject) of their identity provider, never by email. */
public record UserEntity(String id, String issuer, String subject, String email, String name, String orgId,
                         Instant createdAt, Instant lastLoginAt) {
}
