package com.agentwallex.common.auth;

import com.agentwallex.common.ratelimit.RateLimitPolicy;
import com.agentwallex.common.ratelimit.RateLimitedException;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * A key's rate limits, enforced with one budget across every replica of every service (ADR 19):
 * this replica leases small batches of each window's budget from apikey-service and spends them
 * locally, so a request costs no network call or database write; the next batch is fetched in the
 * background when half of the current one is spent. apikey-service never grants more than the
 * limit in a window, so the limit is never exceeded; what other replicas hold unspent when this one
 * runs dry (at most a batch and a half each) is the bound on how early a client can be refused. If apikey-service cannot be reached,
 * this replica grants itself one batch (at most one a second): the limit may then be exceeded by a
 * batch per replica per second, rather than a healthy key being refused for our outage.
 */
@Singleton
@IfBuildProperty(name = "awx.request-auth.enabled", stringValue = "true")
class KeyBudgets {

    private static final Logger LOG = Logger.getLogger(KeyBudgets.class);
    /** A batch is this share of the limit: small enough that little is stranded on other replicas. */
    private static final long BATCH_DIVISOR = 20;
    private static final long MAX_BATCH = 10_000;
    /** Waits for a lease that brought this budget nothing new before a request is refused. */
    private static final int MAX_FRUITLESS_WAITS = 8;
    /** Waits of any kind: however busy the key, a request is answered after this many leases. */
    private static final int MAX_WAITS = 64;
    /**
     * How long apikey-service's word that a presented limit is no longer the key's ("no limit", or
     * another limit) is believed before it is asked again: a request still presenting the old policy
     * after that (a verify answer cached twice over, an agent token made before the change) costs one
     * lease a minute; one whose key is limited again, or limited as presented again, is enforced so.
     */
    private static final Duration NO_LIMIT_BELIEVED = VerifyCacheTtlConverter.MAX;

    /** What a request was allowed, for the RateLimit headers: the tightest of the key's policies. */
    record Decision(List<RateLimitPolicy> policies, RateLimitPolicy tightest, long remaining, long resetSeconds) {

        Map<String, String> headers() {
            return Map.of("RateLimit-Policy", policyHeader(policies),
                    "RateLimit", "\"" + tightest.name() + "\";r=" + remaining + ";t=" + resetSeconds);
        }
    }

    /**
     * A key's policies change rarely and its list is the same object for every request answered from
     * one cached verify answer or token: its header is written once (weak keys compare by identity).
     */
    private static final Cache<List<RateLimitPolicy>, String> POLICY_HEADERS = Caffeine.newBuilder().weakKeys()
            .maximumSize(100_000).build();

    static String policyHeader(List<RateLimitPolicy> policies) {
        return POLICY_HEADERS.get(policies, p -> p.stream().map(RateLimitPolicy::headerItem).collect(Collectors.joining(", ")));
    }

    private final URI leaseUrl;
    private final ApiKeyServiceCalls apikeys;
    private final Duration noLimitBelieved;
    /** A key's budget in one window length; a record, so finding it builds and hashes no string. */
    private record BudgetId(String keyId, int windowSeconds) {
    }

    private final Cache<BudgetId, Budget> budgets = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterAccess(Duration.ofDays(1).plusMinutes(5)).build();

    @Inject
    KeyBudgets(RequestAuthConfig auth) {
        this(ApiKeyServiceCalls.endpoint(auth.apiKeys().leaseUrl(), auth.apiKeys().verifyUrl(), "rate-limit-leases"),
                new ApiKeyServiceCalls(auth.apiKeys()), NO_LIMIT_BELIEVED);
    }

    KeyBudgets(URI leaseUrl, ApiKeyServiceCalls apikeys, Duration noLimitBelieved) {
        this.leaseUrl = leaseUrl;
        this.apikeys = apikeys;
        this.noLimitBelieved = noLimitBelieved;
    }

    /**
     * A key's request, or its agent token's, spends the key's budgets: the headers its answer carries,
     * RateLimit (none for a key without limits) and the key's rotation notice (Deprecation, Sunset), or
     * a 429 failure. The one place both ways of presenting a key (the mechanism, PresentedApiKeys) get them.
     */
    CompletableFuture<Map<String, String>> spendFor(AwxPrincipal principal) {
        Map<String, String> notice = principal.key() == null ? Map.of() : principal.key().rotationNotice(Instant.now());
        if (principal.rateLimits().isEmpty()) {
            return CompletableFuture.completedFuture(notice);
        }
        return spend(principal.actorId(), principal.rateLimits()).thenApply(decision -> {
            if (notice.isEmpty()) {
                return decision.headers();
            }
            Map<String, String> both = new HashMap<>(decision.headers());
            both.putAll(notice);
            return both;
        });
    }

    /**
     * Spends one request of each of the key's policies, or refuses with 429 when one is spent
     * (giving back what it took from the others). Completes without I/O unless a batch runs out.
     */
    CompletableFuture<Decision> spend(String keyId, List<RateLimitPolicy> policies) {
        List<Budget> chosen = new ArrayList<>(policies.size());
        for (RateLimitPolicy policy : policies) {
            Budget budget = budgets.get(new BudgetId(keyId, policy.windowSeconds()), k -> new Budget(keyId, policy));
            budget.adopt(policy);
            chosen.add(budget);
        }
        return take(chosen, 0, new ArrayList<>(), Instant.now()).thenApply(taken -> decide(policies, taken));
    }

    /** Without a lease to wait for (nearly always), every budget answers at once and nothing is chained. */
    private CompletableFuture<List<Taken>> take(List<Budget> chosen, int from, List<Taken> taken, Instant now) {
        for (int index = from; index < chosen.size(); index++) {
            Budget budget = chosen.get(index);
            CompletableFuture<Taken> next = budget.take(now);
            if (!next.isDone()) {
                int following = index + 1;
                return next.thenCompose(t -> spent(t, taken)
                        ? CompletableFuture.failedFuture(refusal(chosen, budget, t))
                        : take(chosen, following, taken, Instant.now()));
            }
            Taken t = next.join();
            if (spent(t, taken)) {
                return CompletableFuture.failedFuture(refusal(chosen, budget, t));
            }
        }
        return CompletableFuture.completedFuture(taken);
    }

    /** Records what was taken; on a refusal gives back what the key's other policies gave. */
    private static boolean spent(Taken t, List<Taken> taken) {
        if (t.refused()) {
            taken.forEach(Taken::giveBack);
            return true;
        }
        taken.add(t);
        return false;
    }

    private static Decision decide(List<RateLimitPolicy> policies, List<Taken> taken) {
        Taken tightest = taken.get(0);
        for (Taken t : taken) {
            if (t.remaining() < tightest.remaining()) {
                tightest = t;
            }
        }
        return new Decision(policies, tightest.policy(), tightest.remaining(), tightest.resetSeconds());
    }

    private static RateLimitedException refusal(List<Budget> chosen, Budget spent, Taken t) {
        List<RateLimitPolicy> policies = chosen.stream().map(b -> b.policy).toList();
        Decision decision = new Decision(policies, spent.policy, 0, t.resetSeconds());
        return RateLimitedException.keyLimit(spent.policy, Math.max(1, t.resetSeconds()), decision.headers());
    }

    /** One unit taken from a budget (or a refusal), with what the headers say about that policy. */
    record Taken(Budget budget, long windowStart, RateLimitPolicy policy, long remaining, long resetSeconds, boolean refused) {
        void giveBack() {
            budget.giveBack(windowStart);
        }
    }

    /** This replica's share of one key's budget in one policy's current window. */
    final class Budget {
        final String keyId;
        RateLimitPolicy policy;
        long windowStart = Long.MIN_VALUE;
        long available;
        /** What apikey-service had left to lease at our last lease: the rest of the budget, as far as we know. */
        long unleased;
        boolean spent;
        /**
         * Until when (epoch ms) the key is taken to no longer have this policy: apikey-service said so,
         * and the requests still presenting it come from verify answers cached before the change.
         */
        long unlimitedUntil = Long.MIN_VALUE;
        /**
         * The limits presented when apikey-service said "no limit": stale answers may present any of
         * them in turn, and each is no news; a limit not among them is, and is leased for at once.
         */
        final Set<Long> noLimitFor = new HashSet<>(2);
        /**
         * Limits presented when apikey-service answered with another (the owner lowered or raised it),
         * each until when (epoch ms) it is taken as stale: a request presenting one keeps the budget on
         * the limit apikey-service named, spent or not, instead of asking again on every request.
         */
        final Map<Long, Long> staleUntil = new HashMap<>(2);
        long noLeaseBefore;
        CompletableFuture<Void> leasing;
        /** Units apikey-service has granted this budget, ever: whether a wait brought anything. */
        long granted;

        Budget(String keyId, RateLimitPolicy policy) {
            this.keyId = keyId;
            this.policy = policy;
            this.unleased = policy.limit();
        }

        /** The key's owner changed the limit: spent or not, ask apikey-service again under the new one. */
        synchronized void adopt(RateLimitPolicy current) {
            if (current.limit() != policy.limit()) {
                Long stale = staleUntil.get(current.limit());
                if (stale != null) {
                    if (System.currentTimeMillis() < stale) {
                        return;
                    }
                    staleUntil.remove(current.limit());
                }
                policy = current;
                spent = false;
                if (!noLimitFor.contains(current.limit())) {
                    unlimitedUntil = Long.MIN_VALUE;
                }
            }
        }

        long batch() {
            return Math.max(1, Math.min(MAX_BATCH, policy.limit() / BATCH_DIVISOR));
        }

        CompletableFuture<Taken> take(Instant now) {
            return take(now, 0, 0);
        }

        /**
         * @param fruitless waits so far after which the budget had no new units; a wait whose lease brought
         *                  units that others behind the same lease took first does not count, or a burst on
         *                  a fresh replica would be refused well under the limit, one unit per round
         */
        private CompletableFuture<Taken> take(Instant now, int waits, int fruitless) {
            CompletableFuture<Void> wait;
            long grantedBefore;
            synchronized (this) {
                long window = policy.windowStart(now);
                if (window < windowStart) {
                    // the clock was read before another request moved the window on: count in the current one,
                    // never back in the ended one (that would drop the units leased for this one)
                    window = windowStart;
                } else if (window != windowStart) {
                    windowStart = window;
                    available = 0;
                    unleased = policy.limit();
                    spent = false;
                    unlimitedUntil = Long.MIN_VALUE;
                    noLimitFor.clear();
                    leasing = null;
                }
                if (leasing != null && leasing.isDone()) {
                    leasing = null; // finished before it was even recorded
                }
                long reset = windowStart + policy.windowSeconds() - now.getEpochSecond();
                if (now.toEpochMilli() < unlimitedUntil) {
                    return CompletableFuture.completedFuture(new Taken(this, window, policy, policy.limit(), reset, false));
                }
                if (available > 0) {
                    available--;
                    // with batches of one there is nothing to fetch ahead: a unit fetched early would sit unspent here
                    if (batch() > 1 && available <= batch() / 2 && leasing == null && !spent) {
                        leasing = lease(window, false, now);
                    }
                    return CompletableFuture.completedFuture(new Taken(this, window, policy, available + unleased, reset, false));
                }
                if (spent || fruitless >= MAX_FRUITLESS_WAITS || waits >= MAX_WAITS) {
                    return CompletableFuture.completedFuture(new Taken(this, window, policy, 0, reset, true));
                }
                if (leasing == null) {
                    leasing = lease(window, true, now);
                }
                if (leasing == null) {
                    // apikey-service was unreachable a moment ago and our own batch is spent
                    return CompletableFuture.completedFuture(new Taken(this, window, policy, 0, reset, true));
                }
                wait = leasing;
                grantedBefore = granted;
            }
            // the clock read again: the wait may have crossed into the next window
            return wait.thenCompose(v -> take(Instant.now(), waits + 1, grantedSince(grantedBefore) ? fruitless : fruitless + 1));
        }

        private synchronized boolean grantedSince(long before) {
            return granted != before;
        }

        synchronized void giveBack(long window) {
            if (window == windowStart) {
                available++;
            }
        }

        /** @return the lease under way, or null while apikey-service is being left alone after a failure */
        private CompletableFuture<Void> lease(long window, boolean blocking, Instant now) {
            long requested = batch();
            long presented = policy.limit();
            if (now.toEpochMilli() < noLeaseBefore) {
                return null;
            }
            return send(keyId, policy.windowSeconds(), window, requested, 0, blocking).handle((answer, error) -> {
                synchronized (this) {
                    if (leasing != null && window == windowStart) {
                        leasing = null;
                    }
                    if (window != windowStart) {
                        return null;
                    }
                    if (error != null) {
                        // apikey-service away: one batch on our own word, then none for a second
                        LOG.warnf("rate-limit lease for key %s failed (%s); spending one batch unleased", keyId, error.toString());
                        available += requested;
                        noLeaseBefore = Instant.now().toEpochMilli() + 1_000;
                        return null;
                    }
                    JsonNode limit = answer.path("limit");
                    if (limit.isMissingNode() || limit.isNull()) {
                        unlimitedUntil = Instant.now().plus(noLimitBelieved).toEpochMilli();
                        noLimitFor.add(presented);
                        return null;
                    }
                    noLimitFor.clear();
                    if (limit.asLong() != presented) {
                        staleUntil.put(presented, Instant.now().plus(noLimitBelieved).toEpochMilli());
                    } else {
                        staleUntil.remove(presented);
                    }
                    if (limit.asLong() != policy.limit()) {
                        policy = new RateLimitPolicy(limit.asLong(), policy.windowSeconds());
                    }
                    long grantedNow = answer.path("granted").asLong(0);
                    available += grantedNow;
                    granted += grantedNow;
                    unleased = answer.path("remaining").asLong(0);
                    if (grantedNow == 0 && blocking) {
                        spent = true;
                    }
                }
                return null;
            });
        }

        synchronized long unspent() {
            return policy.windowStart(Instant.now()) == windowStart ? available : 0;
        }
    }

    private CompletableFuture<JsonNode> send(String keyId, int windowSeconds, long windowStart, long requested, long returned,
                                             boolean blocking) {
        return apikeys.post(leaseUrl, ApiKeyServiceCalls.object().put("key_id", keyId).put("window_seconds", windowSeconds)
                .put("window_start", windowStart).put("requested", requested).put("returned", returned)
                .put("blocking", blocking)).thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new IllegalStateException("lease answered " + response.statusCode());
            }
            try {
                return ApiKeyServiceCalls.read(response.body());
            } catch (IOException e) {
                throw new IllegalStateException("lease answer unreadable");
            }
        });
    }

    /** What this replica holds unspent goes back, so the other replicas can use it in this window. */
    @PreDestroy
    void returnUnspent() {
        List<CompletableFuture<JsonNode>> returns = new ArrayList<>();
        for (Budget budget : budgets.asMap().values()) {
            long unspent = budget.unspent();
            if (unspent > 0) {
                returns.add(send(budget.keyId, budget.policy.windowSeconds(), budget.windowStart, 0, unspent, false));
            }
        }
        try {
            CompletableFuture.allOf(returns.toArray(CompletableFuture[]::new)).get(2, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.debugf("unspent rate-limit budget not returned: %s", e.toString());
        }
    }
}
