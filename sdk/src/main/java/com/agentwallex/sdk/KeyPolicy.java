package com.agentwallex.sdk;

import java.time.Instant;

/**
 * The organization's rule for old keys: a key is due for rotation {@code rotationPeriodDays} after
 * it was created; with {@code rotationHardExpiry} it stops working then instead of only being
 * flagged. {@code updatedAt} is null while the organization has the default.
 */
public record KeyPolicy(boolean rotationHardExpiry, long rotationPeriodDays, Instant updatedAt) {
}
