package com.agentwallex.apikey.core;

import java.time.Instant;

/** An organization's key policy (a row of key_policies); no row means the defaults. */
public record KeyPolicyEntity(String orgId, boolean rotationHardExpiry, Instant updatedAt, String updatedBy) {
}
