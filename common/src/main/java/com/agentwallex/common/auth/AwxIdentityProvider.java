package com.agentwallex.common.auth;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;

/** Turns presented credentials into the one principal, with its scopes as roles. Never blocks. */
@ApplicationScoped
@IfBuildProperty(name = "awx.request-auth.enabled", stringValue = "true")
class AwxIdentityProvider implements IdentityProvider<AwxCredentials> {

    private final AccessTokenVerifier tokens;
    private final ApiKeyClient keys;

    AwxIdentityProvider(AccessTokenVerifier tokens, ApiKeyClient keys) {
        this.tokens = tokens;
        this.keys = keys;
    }

    @Override
    public Class<AwxCredentials> getRequestType() {
        return AwxCredentials.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(AwxCredentials request, AuthenticationRequestContext context) {
        CompletableFuture<AwxPrincipal> principal = request.apiKey() != null
                ? keys.verify(request.apiKey(), request.clientIp())
                : tokens.verify(request.bearerToken(), request.clientIp());
        return Uni.createFrom().completionStage(principal)
                .onFailure().transform(AccessTokenVerifier::unwrap)
                .map(p -> QuarkusSecurityIdentity.builder().setPrincipal(p).addRoles(p.scopes()).build());
    }
}
