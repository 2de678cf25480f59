package com.agentwallex.apikey.verification;

import com.agentwallex.apikey.ApiKeyConfig;
import com.agentwallex.contract.plan.OrganizationPlan;
import com.agentwallex.contract.revocation.ApiKeyRevocation;
import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Verify answers from memory: known keys by hash (bounded, short-lived, evicted on revocation) and
 * unknown hashes in a separate bounded cache, so a flood of invented keys can neither reach
 * PostgreSQL repeatedly nor push real keys out. Concurrent misses for one key share one load.
 */
@Singleton
class KeyCache {

    /** A key hash as a map key (arrays compare by identity). */
    record Hash(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Hash h && Arrays.equals(bytes, h.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Hash[…]";
        }
    }

    private final AsyncCache<Hash, CachedKey> known;
    private final Cache<Hash, Boolean> unknown;
    private final KeyLookupRepository keys;
    private final Executor blocking = Infrastructure.getDefaultWorkerPool();
    private final AtomicLong invalidations = new AtomicLong();

    KeyCache(ApiKeyConfig config, KeyLookupRepository keys) {
        this.keys = keys;
        this.known = Caffeine.newBuilder().maximumWeight(config.verify().cacheSize())
                .weigher((Hash hash, CachedKey key) -> key.weight())
                .expireAfterWrite(config.verify().cacheTtl()).executor(Runnable::run).buildAsync();
        this.unknown = Caffeine.newBuilder().maximumSize(config.verify().negativeCacheSize())
                .expireAfterWrite(config.verify().negativeCacheTtl()).build();
    }

    /** The cached answer when there is one ready: the hot path, no allocation of futures or threads. */
    CachedKey ready(Hash hash) {
        CompletableFuture<CachedKey> cached = known.getIfPresent(hash);
        return cached != null && cached.isDone() && !cached.isCompletedExceptionally() ? cached.getNow(null) : null;
    }

    boolean knownUnknown(Hash hash) {
        return unknown.getIfPresent(hash) != null;
    }

    /** Loads on a worker thread; completes with null for a hash no key has. */
    CompletableFuture<CachedKey> load(Hash hash) {
        return known.get(hash, (h, executor) -> CompletableFuture.supplyAsync(() -> {
            CachedKey key = keys.find(h.bytes());
            if (key == null) {
                unknown.put(h, Boolean.TRUE);
            }
            return key;
        }, blocking));
    }

    /**
     * Reads the key as stored now, whatever is cached, and caches that instead once it is read: a
     * re-check that fails (PostgreSQL away) leaves the cached answer every other verify still serves.
     * A read that an invalidation overtook may predate the change, so it is answered but not cached.
     */
    CompletableFuture<CachedKey> reload(Hash hash) {
        long invalidationsBefore = invalidations.get();
        return CompletableFuture.supplyAsync(() -> keys.find(hash.bytes()), blocking).thenApply(key -> {
            if (invalidations.get() == invalidationsBefore) {
                if (key == null) {
                    known.synchronous().invalidate(hash);
                } else {
                    // Put, then look again: an invalidation either counted before this second look
                    // (the read is taken back) or removes what was put (its removeIf comes after).
                    CompletableFuture<CachedKey> read = CompletableFuture.completedFuture(key);
                    known.put(hash, read);
                    if (invalidations.get() != invalidationsBefore) {
                        known.asMap().remove(hash, read);
                    }
                }
            }
            return key;
        });
    }

    /**
     * Forgets the key (or the whole organization's keys) and every load still in flight, whose
     * answer may predate the change; the next request reads the committed state.
     */
    void invalidate(ApiKeyRevocation revocation) {
        invalidate(key -> revocation.coversOrganization()
                ? key.orgId().equals(revocation.orgId()) : key.id().equals(revocation.keyId()));
    }

    private void invalidate(Predicate<CachedKey> affected) {
        invalidations.incrementAndGet();
        known.asMap().values().removeIf(future -> {
            if (!future.isDone()) {
                return true;
            }
            CachedKey key = future.getNow(null);
            return key != null && affected.test(key);
        });
    }

    /** Answers carry the plan: an organization's keys are read again with the new one. */
    void onPlanChange(@Observes OrganizationPlan change) {
        invalidate(key -> key.orgId().equals(change.orgId()));
    }

    /**
     * This replica's own changes take effect at commit, without waiting for the Kafka round trip;
     * every replica's arrive from common's RevocationFeed, outside any transaction, so at once.
     */
    void onRevocation(@Observes(during = TransactionPhase.AFTER_SUCCESS) ApiKeyRevocation revocation) {
        invalidate(revocation);
    }
}
