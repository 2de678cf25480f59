package com.agentwallex.common.auth;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.security.identity.IdentityProviderManager;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.CompletionException;

/**
 * An API key a request carries somewhere other than {@code X-API-Key} (a token exchange's
 * {@code subject_token}), authenticated as the mechanism authenticates the header: verified, then
 * its rate-limit budgets spent, so no way of presenting a key escapes its limits.
 */
@Singleton
@IfBuildProperty(name = "awx.request-auth.enabled", stringValue = "true")
public class PresentedApiKeys {

    /**
     * The key's principal and the headers its answer carries, as the mechanism would set them: RateLimit
     * (none for a key without limits), Deprecation and Sunset (a key due for rotation or rotated).
     */
    public record Authenticated(AwxPrincipal key, Map<String, String> headers) {
    }

    private final IdentityProviderManager identities;
    private final KeyBudgets budgets;

    PresentedApiKeys(IdentityProviderManager identities, KeyBudgets budgets) {
        this.identities = identities;
        this.budgets = budgets;
    }

    /**
     * Blocks the calling worker thread. Fails as the mechanism does: {@code AuthenticationFailedException}
     * or {@code ForbiddenException} for a key that does not authenticate, an {@code ApiException} with
     * 429 when a budget is spent, 503 when keys cannot be checked.
     */
    public Authenticated authenticate(String key, String clientIp) {
        AwxPrincipal principal = AwxPrincipal.of(identities.authenticateBlocking(AwxCredentials.apiKey(key, clientIp)));
        try {
            return new Authenticated(principal, budgets.spendFor(principal).join());
        } catch (CompletionException e) {
            throw AccessTokenVerifier.unwrap(e);
        }
    }
}
