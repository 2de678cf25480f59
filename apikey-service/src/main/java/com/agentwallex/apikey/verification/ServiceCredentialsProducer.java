package com.agentwallex.apikey.verification;

import com.agentwallex.apikey.ApiKeyConfig;
import com.agentwallex.common.web.ServiceCredentials;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;

/** The credentials of the services allowed to call verify, lease budgets and report usage. */
class ServiceCredentialsProducer {

    @Produces
    @Singleton
    ServiceCredentials serviceCredentials(ApiKeyConfig config) {
        return new ServiceCredentials(config.verify().serviceCredentials().orElse(List.of()),
                "awx.apikey.verify.service-credentials");
    }
}
