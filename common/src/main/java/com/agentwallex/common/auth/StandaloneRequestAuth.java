package com.agentwallex.common.auth;

import com.agentwallex.common.kafka.KafkaClients;
import com.agentwallex.contract.revocation.ApiKeyRevocation;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import java.lang.annotation.Annotation;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The request authentication wired by hand the way Quarkus wires it, for code that runs it outside
 * CDI: the JMH benchmark (bench's RequestAuthBench) measures these very verifiers without reaching
 * into this package. Services never use it; they get the mechanism injected.
 */
public final class StandaloneRequestAuth {

    private final RevocationFeed feed;
    private final AccessTokenVerifier tokens;
    private final ApiKeyClient keys;
    private final KeyBudgets budgets;

    /** Starts following the revocation topics; see {@link #caughtUp()} before judging tokens. */
    public StandaloneRequestAuth(RequestAuthConfig config, KafkaClients kafka) {
        keys = new ApiKeyClient(config, new UsageReporter(config));
        feed = new RevocationFeed(kafka, new KeyCacheEviction(keys));
        feed.start(null);
        tokens = new AccessTokenVerifier(new JwksKeys(config), new RevokedSessionCheck(feed), feed, config);
        budgets = new KeyBudgets(config);
    }

    /** False until every session revocation published before the start has been read. */
    public boolean caughtUp() {
        return feed.caughtUp();
    }

    /** A Bearer access token, a user's or an agent's. */
    public CompletableFuture<AwxPrincipal> verifyAccessToken(String token, String clientIp) {
        return tokens.verify(token, clientIp);
    }

    public CompletableFuture<AwxPrincipal> verifyApiKey(String key, String clientIp) {
        return keys.verify(key, clientIp);
    }

    /** A key's rate-limit budgets spent for one request, as the mechanism does: the answer's headers. */
    public CompletableFuture<Map<String, String>> spendRateLimits(AwxPrincipal key) {
        return budgets.spendFor(key);
    }

    public void stop() {
        feed.stop(null);
    }

    /** What CDI does for the services: a revoked key leaves the verify cache as soon as the feed reads it. */
    private static final class KeyCacheEviction implements Event<ApiKeyRevocation> {
        private final ApiKeyClient keys;

        KeyCacheEviction(ApiKeyClient keys) {
            this.keys = keys;
        }

        @Override
        public void fire(ApiKeyRevocation event) {
            keys.evict(event);
        }

        @Override
        public <U extends ApiKeyRevocation> CompletionStage<U> fireAsync(U event) {
            keys.evict(event);
            return CompletableFuture.completedFuture(event);
        }

        @Override
        public <U extends ApiKeyRevocation> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
            return fireAsync(event);
        }

        @Override
        public Event<ApiKeyRevocation> select(Annotation... qualifiers) {
            return this;
        }

        @Override
        public <U extends ApiKeyRevocation> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends ApiKeyRevocation> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }
    }
}
