package com.agentwallex.apikey.verification;

import com.agentwallex.apikey.ApiKeyConfig;
import com.agentwallex.common.net.IpAllowlist;
import com.agentwallex.apikey.core.KeyHasher;
import com.agentwallex.contract.apikey.ApiKeyFormat;
import com.agentwallex.contract.apikey.ApiKeyFormat.Environment;
import com.agentwallex.contract.apikey.Scope;
import com.agentwallex.contract.events.AuthEventType;
import com.agentwallex.common.ratelimit.FailureRateLimiter;
import com.agentwallex.common.ratelimit.RateLimitedException;
import com.agentwallex.contract.problem.InvalidParameterException;
import com.agentwallex.contract.problem.UnavailableException;
import inet.ipaddr.IPAddress;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Judges a presented key. The order is the cost order: shape and checksum (no I/O at all), then
 * the in-memory caches, and PostgreSQL only for a key this replica has not seen lately.
 */
@Singleton
class VerificationService {

    private final KeyHasher hasher;
    private final KeyCache cache;
    private final UsageRecorder usage;
    private final FailureRateLimiter limiter;
    private final Map<VerifyCode, Counter> verdicts = new EnumMap<>(VerifyCode.class);
    private final Counter cacheHits;
    private final Counter cacheMisses;
    /** Parsed client addresses; a plain map (emptied when large), as a bounded cache costs more per read. */
    private final Map<String, Optional<IPAddress>> clientIps = new ConcurrentHashMap<>();

    VerificationService(KeyHasher hasher, KeyCache cache, UsageRecorder usage, ApiKeyConfig config, MeterRegistry registry) {
        this.hasher = hasher;
        this.cache = cache;
        this.usage = usage;
        this.limiter = new FailureRateLimiter(config.verify().failuresPerWindow(), config.verify().failureWindow());
        for (VerifyCode code : VerifyCode.values()) {
            verdicts.put(code, Counter.builder("awx.apikey.verifications").tag("code", code.name())
                    .description("Verify answers by code").register(registry));
        }
        this.cacheHits = Counter.builder("awx.apikey.verify.cache").tag("result", "hit").register(registry);
        this.cacheMisses = Counter.builder("awx.apikey.verify.cache").tag("result", "miss").register(registry);
    }

    /**
     * Completed at once from memory; only a cache miss completes later, on a worker thread. A plain
     * future rather than a Uni: Mutiny would wrap every step for context propagation, on every request.
     *
     * @param sourceIp the end client's address, or the calling service's when it named none
     */
    CompletableFuture<VerifyResponse> verify(VerifyRequest request, String sourceIp) {
        Set<String> requiredScopes = requiredScopes(request.requiredScopes());
        Environment requiredEnvironment = requiredEnvironment(request.requiredEnvironment());
        IPAddress client = clientIp(request.clientIp());
        String source = client != null ? client.toCanonicalString() : sourceIp;

        Instant now = Instant.now();
        if (ApiKeyFormat.parse(request.key()).isEmpty()) {
            refuseOverLimit(source);
            return CompletableFuture.completedFuture(fail(VerifyCode.MALFORMED, null, source, now, null));
        }
        KeyCache.Hash hash = new KeyCache.Hash(hasher.hash(request.key()));
        boolean fresh = request.isFresh();
        CachedKey ready = fresh ? null : cache.ready(hash);
        if (ready != null) {
            // A key this replica holds is answered even for an address over its failure limit: the limit
            // stops guessing, and a guess is never in this cache, while a client behind a busy NAT (or one
            // of its own misconfigured deployments) must not lose its good key to someone else's failures.
            cacheHits.increment();
            return CompletableFuture.completedFuture(judge(ready, client, requiredEnvironment, requiredScopes, source, now, true, null));
        }
        refuseOverLimit(source);
        if (!fresh && cache.knownUnknown(hash)) {
            cacheHits.increment();
            return CompletableFuture.completedFuture(fail(VerifyCode.NOT_FOUND, null, source, now, null));
        }
        // A look-up takes a failure's place before it starts: invented keys sent together must not all
        // reach PostgreSQL while the failures that would refuse them are still being looked up.
        FailureRateLimiter.Reservation place = limiter.reserve(source);
        if (place == null) {
            throw new RateLimitedException(Math.max(1, limiter.retryAfterSeconds(source)));
        }
        cacheMisses.increment();
        return (fresh ? cache.reload(hash) : cache.load(hash)).handle((key, error) -> {
            if (error != null) {
                place.release();
                throw new UnavailableException("Keys cannot be checked right now; retry shortly.", 1);
            }
            return key == null ? fail(VerifyCode.NOT_FOUND, null, source, Instant.now(), place)
                    : judge(key, client, requiredEnvironment, requiredScopes, source, Instant.now(), !fresh, place);
        });
    }

    private void refuseOverLimit(String source) {
        long wait = limiter.retryAfterSeconds(source);
        if (wait > 0) {
            throw new RateLimitedException(wait);
        }
    }

    /**
     * @param countUse false for a fresh re-check: the request that presented the key was counted already
     * @param place    the failure place its look-up took, given back if the key passes; null from a cache
     */
    private VerifyResponse judge(CachedKey key, IPAddress client, Environment environment, Set<String> scopes,
                                 String source, Instant now, boolean countUse, FailureRateLimiter.Reservation place) {
        VerifyCode code = key.judge(now, client, environment, scopes);
        if (code != VerifyCode.VALID) {
            return fail(code, key, source, now, place);
        }
        if (place != null) {
            place.release();
        }
        verdicts.get(code).increment();
        if (countUse) {
            usage.used(key, source, now);
        }
        return key.answer(code);
    }

    /** @param place the failure's place, taken before its look-up; null: counted now */
    private VerifyResponse fail(VerifyCode code, CachedKey key, String source, Instant now,
                                FailureRateLimiter.Reservation place) {
        verdicts.get(code).increment();
        usage.failed(AuthEventType.API_KEY_VERIFICATION_FAILED, code.name(), source, key, now);
        if (place != null ? place.usesUpTheWindow() : limiter.recordFailure(source)) {
            usage.failed(AuthEventType.RATE_LIMIT_EXCEEDED, "too_many_failed_verifications", source, null, now);
        }
        return key == null ? VerifyResponse.unknown(code) : key.answer(code);
    }

    private static Set<String> requiredScopes(List<String> scopes) {
        if (scopes == null || scopes.isEmpty()) {
            return Set.of();
        }
        for (String s : scopes) {
            if (Scope.fromWireName(s).isEmpty()) {
                throw new InvalidParameterException("required_scopes", "unknown scope in required_scopes");
            }
        }
        return Set.copyOf(scopes);
    }

    private static Environment requiredEnvironment(String environment) {
        if (environment == null) {
            return null;
        }
        return Environment.fromWireName(environment).orElseThrow(() -> new InvalidParameterException(
                "required_environment", "required_environment must be \"sandbox\" or \"production\""));
    }

    /** Parsed once per address: a service sees the same clients again and again. */
    private IPAddress clientIp(String ip) {
        if (ip == null) {
            return null;
        }
        Optional<IPAddress> parsed = clientIps.get(ip);
        if (parsed == null) {
            if (clientIps.size() >= 10_000) {
                clientIps.clear();
            }
            parsed = IpAllowlist.client(ip);
            clientIps.put(ip, parsed);
        }
        return parsed.orElseThrow(() ->
                new InvalidParameterException("client_ip", "client_ip must be one IPv4 or IPv6 address"));
    }
}
