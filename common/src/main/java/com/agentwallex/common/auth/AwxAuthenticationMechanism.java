package com.agentwallex.common.auth;

import com.agentwallex.common.web.ClientContext;
import com.agentwallex.contract.problem.InvalidParameterException;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The seed's two ways in: {@code X-API-Key: awx_…} or {@code Authorization: Bearer <access JWT>}.
 * Exactly one: both is a 400, and so is a key in the query string (it would end up in proxy logs).
 * A key due for rotation, or in its rotation grace, gets {@code Deprecation} (RFC 9745) and, when
 * it has an end, {@code Sunset} (RFC 8594) on every response, so integrators notice in time. A
 * key with rate limits spends them here, before any resource runs: over the limit is a 429.
 */
@ApplicationScoped
@IfBuildProperty(name = "awx.request-auth.enabled", stringValue = "true")
class AwxAuthenticationMechanism implements HttpAuthenticationMechanism {

    static final String API_KEY_HEADER = "X-API-Key";
    private static final String BEARER = "Bearer ";
    private static final Pattern KEY_IN_QUERY = Pattern.compile("(?i)(^|&)(api[_-]?key|x-api-key)=|awx_(sandbox|production)_");

    private final KeyBudgets budgets;

    AwxAuthenticationMechanism(KeyBudgets budgets) {
        this.budgets = budgets;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String key = context.request().getHeader(API_KEY_HEADER);
        String authorization = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        String query = context.request().query();
        if (query != null && KEY_IN_QUERY.matcher(query).find()) {
            return Uni.createFrom().failure(new InvalidParameterException("query",
                    "API keys belong in the X-API-Key header, never in the URL"));
        }
        if (key != null && authorization != null) {
            return Uni.createFrom().failure(new InvalidParameterException("X-API-Key",
                    "send either X-API-Key or Authorization, not both"));
        }
        String token = authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? authorization.substring(BEARER.length()).trim() : null;
        if (key == null && token == null) {
            return Uni.createFrom().optional(java.util.Optional.empty());
        }
        String clientIp = ClientContext.ipOf(context.request());
        AwxCredentials credentials = new AwxCredentials(key == null ? null : key.trim(), token, clientIp);
        return identityProviderManager.authenticate(HttpSecurityUtils.setRoutingContextAttribute(credentials, context))
                .call(identity -> spendBudget(context, AwxPrincipal.of(identity)));
    }

    /**
     * A key's (or its agent token's) request spends its budget; the answer says what is left (IETF
     * RateLimit headers) and whether the key should be replaced (Deprecation, Sunset).
     */
    private Uni<Void> spendBudget(RoutingContext context, AwxPrincipal principal) {
        return Uni.createFrom().completionStage(() -> budgets.spendFor(principal))
                .onFailure().transform(AccessTokenVerifier::unwrap)
                .invoke(headers -> headers.forEach(context.response()::putHeader))
                .replaceWithVoid();
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer"));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(AwxCredentials.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, "bearer"));
    }
}
