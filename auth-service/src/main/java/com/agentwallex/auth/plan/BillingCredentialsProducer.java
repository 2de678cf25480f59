package com.agentwallex.auth.plan;

import com.agentwallex.auth.AuthConfig;
import com.agentwallex.common.web.ServiceCredentials;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;

/** The billing system's credentials: the only caller allowed to change plans. */
class BillingCredentialsProducer {

    @Produces
    @Singleton
    ServiceCredentials billingCredentials(AuthConfig config) {
        return new ServiceCredentials(config.billing().serviceCredentials().orElse(List.of()),
                "awx.auth.billing.service-credentials");
    }
}
