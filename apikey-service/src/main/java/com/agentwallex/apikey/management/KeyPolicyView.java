package com.agentwallex.apikey.management;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The organization's rule for old keys: rotation is due after the period, enforced when hard. */
@Schema(requiredProperties = {"rotation_hard_expiry", "rotation_period_days"})
public record KeyPolicyView(boolean rotationHardExpiry, long rotationPeriodDays, Instant updatedAt) {
}
