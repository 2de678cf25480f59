package com.agentwallex.common.auth;

import com.agentwallex.common.auth.ApiKeyClient.Answer;
import com.agentwallex.contract.revocation.ApiKeyRevocation;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The verify answers {@link ApiKeyClient} remembers (acceptances for the TTL, refusals for the
 * shorter negative TTL), and what keeps a revoked key out of them: an answer asked for before an
 * eviction is not remembered, since apikey-service may have given it before the change committed;
 * nor, for a few seconds after it, an acceptance of the changed key, since another apikey-service
 * replica may not have heard of the change yet and answer as before it.
 */
final class VerifyAnswers {

    /** Longer than a revocation takes to reach every replica's cache through Kafka (about a second). */
    static final Duration SETTLING = Duration.ofSeconds(10);

    private final Cache<String, Answer> answers;
    private final AtomicLong evictions = new AtomicLong();
    /** Key id or {@code org:<id>} (a revocation's record key) → when it was evicted here. */
    private final Map<String, Instant> settling = new ConcurrentHashMap<>();

    VerifyAnswers(long size, Duration ttl, Duration negativeTtl) {
        long accepted = ttl.toNanos();
        long refused = negativeTtl.toNanos();
        this.answers = Caffeine.newBuilder().maximumSize(size).expireAfter(new Expiry<String, Answer>() {
            @Override
            public long expireAfterCreate(String key, Answer answer, long now) {
                return answer.principal() != null ? accepted : refused;
            }

            @Override
            public long expireAfterUpdate(String key, Answer answer, long now, long current) {
                return expireAfterCreate(key, answer, now);
            }

            @Override
            public long expireAfterRead(String key, Answer answer, long now, long current) {
                return current;
            }
        }).build();
    }

    /** The remembered answer, unless none or the key has expired since (an expiry sends no revocation). */
    Answer get(String cacheKey, Instant now) {
        Answer answer = answers.getIfPresent(cacheKey);
        if (answer != null && answer.expiredAt(now)) {
            answers.asMap().remove(cacheKey, answer);
            return null;
        }
        return answer;
    }

    /** Taken before asking apikey-service; {@link #remember} compares it with the evictions since. */
    long ticket() {
        return evictions.get();
    }

    void remember(long ticket, String cacheKey, Answer answer, Instant now) {
        if (evictions.get() != ticket || settling(answer, now)) {
            return;
        }
        answers.put(cacheKey, answer);
        // An eviction between the check and the put found nothing to remove: take the answer back out.
        if (evictions.get() != ticket) {
            answers.asMap().remove(cacheKey, answer);
        }
    }

    /** Forgets the acceptances of the revoked key (or organization); refusals are not attributable to a key and live seconds. */
    void evict(ApiKeyRevocation revocation, Instant now) {
        evictions.incrementAndGet();
        settling.values().removeIf(at -> !at.plus(SETTLING).isAfter(now));
        settling.put(revocation.recordKey(), now);
        answers.asMap().values().removeIf(answer -> answer.principal() != null && (revocation.coversOrganization()
                ? revocation.orgId().equals(answer.principal().orgId())
                : revocation.keyId().equals(answer.principal().actorId())));
    }

    private boolean settling(Answer answer, Instant now) {
        AwxPrincipal principal = answer.principal();
        return principal != null && (recent(principal.actorId(), now) || recent("org:" + principal.orgId(), now));
    }

    private boolean recent(String recordKey, Instant now) {
        Instant evicted = settling.get(recordKey);
        return evicted != null && evicted.plus(SETTLING).isAfter(now);
    }
}
