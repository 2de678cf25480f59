package com.agentwallex.apikey.management;

import java.time.Instant;

/** The organization's rule for old keys: rotation is due after the period, enforced when hard. */
public record KeyPolicyView(boolean rotationHardExpiry, long rotationPeriodDays, Instant updatedAt) {
}
