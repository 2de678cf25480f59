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
    private final ApiKeyClient apiKeys;

    PresentedApiKeys(IdentityProviderManager identities, KeyBudgets budgets, ApiKeyClient apiKeys) {
        this.identities = identities;
        this.budgets = budgets;
        this.apiKeys = apiKeys;
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

    /**
     * The key as stored now, read past every verify cache (ours and apikey-service's) and spending
     * nothing: for a credential that outlives those caches (an agent token, 15 minutes against their
     * seconds), so that it never carries scopes or an allowlist a change has taken away while the
     * change's revocation is still on its way. Blocks the calling worker thread; fails as
     * {@link #authenticate} does.
     */
    public AwxPrincipal recheck(String key, String clientIp) {
        try {
            return apiKeys.verifyFresh(key, clientIp).join();
        } catch (CompletionException e) {
            throw AccessTokenVerifier.unwrap(e);
        }
    }
}
