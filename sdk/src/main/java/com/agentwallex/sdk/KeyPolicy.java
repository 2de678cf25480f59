package com.agentwallex.sdk;

import java.time.Instant;
import java.util.List;

/**
 * The organization's rule for old keys: a key is due for rotation {@code rotationPeriodDays} after
 * it was created; with {@code rotationHardExpiry} it stops working then instead of only being
 * flagged. {@code updatedAt} is null while the organization has the default. {@code keyEnvironments}
 * are the environments this deployment creates keys for ({@code sandbox}, {@code production}): a
 * production deployment makes production keys only.
 */
public record KeyPolicy(boolean rotationHardExpiry, long rotationPeriodDays, List<String> keyEnvironments, Instant updatedAt) {
}
