package com.agentwallex.apikey.management;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The rules keys follow here: the organization's for old keys (rotation is due after the period,
 * enforced when hard), and the deployment's environments keys can be created for.
 */
@Schema(requiredProperties = {"rotation_hard_expiry", "rotation_period_days", "key_environments"})
public record KeyPolicyView(boolean rotationHardExpiry, long rotationPeriodDays,
                            @Schema(description = "The environments this deployment creates keys for (sandbox, production)")
                            List<String> keyEnvironments,
                            Instant updatedAt) {
}
