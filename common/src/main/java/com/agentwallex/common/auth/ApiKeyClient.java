package com.agentwallex.common.auth;

import com.agentwallex.common.web.ApiKeysNotAccepted;
import com.agentwallex.contract.apikey.ApiKeyFormat;
import com.agentwallex.common.crypto.Sha256;
import com.agentwallex.common.ratelimit.RateLimitPolicy;
import com.agentwallex.common.ratelimit.RateLimitedException;
import com.agentwallex.contract.revocation.ApiKeyRevocation;
import com.agentwallex.contract.problem.UnavailableException;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.security.AuthenticationFailedException;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * Verifies API keys through apikey-service, remembering answers briefly (positive and negative)
 * per key and client address. The cache is keyed by a digest, never the key. Key revocations
 * from Kafka evict answers at once. apikey-service unreachable is a 503 with Retry-After, never
 * a 401: clients must not throw away a good key because we could not ask about it. Uses answered
 * from the cache are reported back in batches (UsageReporter), so usage stays exact.
 */
@Singleton
@IfBuildProperty(name = "awx.request-auth.enabled", stringValue = "true")
class ApiKeyClient {

    private static final Logger LOG = Logger.getLogger(ApiKeyClient.class);

    /** One verify answer, reduced to what a principal needs; {@code principal} null when refused. */
    record Answer(String code, AwxPrincipal principal) {

        /** A key's expiry (a rotated key's grace end) sends no revocation: a remembered answer must see it. */
        boolean expiredAt(Instant now) {
            Instant expiresAt = principal == null || principal.key() == null ? null : principal.key().expiresAt();
            return expiresAt != null && !now.isBefore(expiresAt);
        }
    }

    private final RequestAuthConfig.ApiKeys config;
    private final URI verifyUrl;
    private final ApiKeyServiceCalls apikeys;
    private final VerifyAnswers answers;
    private final UsageReporter usage;

    ApiKeyClient(RequestAuthConfig auth, UsageReporter usage) {
        this.config = auth.apiKeys();
        this.usage = usage;
        this.verifyUrl = URI.create(config.verifyUrl());
        this.apikeys = new ApiKeyServiceCalls(config);
        this.answers = new VerifyAnswers(config.cacheSize(), config.cacheTtl(), config.negativeCacheTtl());
    }

    CompletableFuture<AwxPrincipal> verify(String key, String clientIp) {
        if (!config.enabled()) {
            return CompletableFuture.failedFuture(ApiKeysNotAccepted.exception());
        }
        if (ApiKeyFormat.parse(key).isEmpty()) {
            return CompletableFuture.failedFuture(new AuthenticationFailedException("malformed key"));
        }
        String cacheKey = cacheKey(key, clientIp);
        Answer cached = answers.get(cacheKey, Instant.now());
        if (cached != null) {
            AwxPrincipal principal = accept(cached);
            // apikey-service did not see this use: it hears of it in the next usage report
            usage.used(principal, clientIp, Instant.now());
            return CompletableFuture.completedFuture(principal);
        }
        return askAndRemember(key, clientIp, cacheKey, false);
    }

    /**
     * The key as stored now, past our cache and apikey-service's, counting no use: for a credential
     * that outlives every cache (an agent token), which must not carry what a change has taken away
     * while its news is still on the way. The answer replaces what the cache remembers.
     */
    CompletableFuture<AwxPrincipal> verifyFresh(String key, String clientIp) {
        if (!config.enabled() || ApiKeyFormat.parse(key).isEmpty()) {
            return CompletableFuture.failedFuture(new AuthenticationFailedException("key refused"));
        }
        return askAndRemember(key, clientIp, cacheKey(key, clientIp), true);
    }

    /** Answers are remembered per key and client address (allowlists), by the key's digest, never the key. */
    private static String cacheKey(String key, String clientIp) {
        return digest(key) + "|" + clientIp;
    }

    private CompletableFuture<AwxPrincipal> askAndRemember(String key, String clientIp, String cacheKey, boolean fresh) {
        long asked = answers.ticket();
        return ask(key, clientIp, fresh).thenApply(answer -> {
            answers.remember(asked, cacheKey, answer, Instant.now());
            return accept(answer);
        });
    }

    private AwxPrincipal accept(Answer answer) {
        if (answer.principal() == null) {
            if ("WRONG_ENVIRONMENT".equals(answer.code())) {
                throw config.requiredEnvironment().refusal();
            }
            throw new AuthenticationFailedException("key refused: " + answer.code());
        }
        return answer.principal();
    }

    private CompletableFuture<Answer> ask(String key, String clientIp, boolean fresh) {
        var request = ApiKeyServiceCalls.object().put("key", key).put("client_ip", clientIp);
        if (fresh) {
            request.put("fresh", true);
        }
        String environment = config.requiredEnvironment().wireName();
        if (environment != null) {
            request.put("required_environment", environment);
        }
        return apikeys.postInCallersTrace(verifyUrl, request)
                .handle((response, error) -> {
                    if (error != null) {
                        LOG.warnf("apikey-service unreachable: %s", error.toString());
                        throw unavailable();
                    }
                    return answer(response);
                });
    }

    private static Answer answer(HttpResponse<byte[]> response) {
        int status = response.statusCode();
        if (status == 429) {
            throw new RateLimitedException(response.headers().firstValueAsLong("Retry-After").orElse(60));
        }
        if (status != 200) {
            // 401 here means our own credential is wrong: an operator's problem, not the client's
            LOG.errorf("apikey-service verify answered %d", status);
            throw unavailable();
        }
        try {
            JsonNode node = ApiKeyServiceCalls.read(response.body());
            String code = node.path("code").asText();
            if (!node.path("valid").asBoolean(false)) {
                return new Answer(code, null);
            }
            Set<String> scopes = new HashSet<>();
            node.path("scopes").forEach(s -> scopes.add(s.asText()));
            List<String> allowlist = strings(node.path("ip_allowlist"));
            AwxPrincipal.KeyFacts facts = new AwxPrincipal.KeyFacts(instant(node, "rotation_due_at"),
                    instant(node, "expires_at"), "rotating".equals(node.path("status").asText()), List.copyOf(allowlist));
            return new Answer(code, new AwxPrincipal(AwxPrincipal.ActorType.API_KEY, node.path("key_id").asText(),
                    node.path("org_id").asText(), Set.copyOf(scopes), node.path("environment").asText(null),
                    node.path("plan").asText(null), null, facts, null,
                    RateLimitPolicy.fromWireForms(strings(node.path("rate_limits")))));
        } catch (IOException | RuntimeException e) {
            LOG.errorf("apikey-service verify answer unreadable: %s", e.getClass().getSimpleName());
            throw unavailable();
        }
    }

    void evict(@Observes ApiKeyRevocation revocation) {
        answers.evict(revocation, Instant.now());
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(n -> values.add(n.asText()));
        return values;
    }

    private static Instant instant(JsonNode node, String field) {
        String value = node.path(field).asText(null);
        return value == null ? null : Instant.parse(value);
    }

    private static UnavailableException unavailable() {
        return new UnavailableException("API keys cannot be checked right now; retry shortly.", 2);
    }

    private static String digest(String key) {
        return HexFormat.of().formatHex(Sha256.of(key));
    }
}
