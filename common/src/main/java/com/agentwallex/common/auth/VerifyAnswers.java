package com.agentwallex.common.auth;

import com.agentwallex.common.auth.ApiKeyClient.Answer;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The verify answers {@link ApiKeyClient} remembers (acceptances for the TTL, refusals for the
 * shorter negative TTL), and what keeps a revoked key out of them: an answer asked for before an
 * eviction is not remembered, since apikey-service may have given it before the change committed.
 */
final class VerifyAnswers {

    private final Cache<String, Answer> answers;
    private final AtomicLong evictions = new AtomicLong();

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

    void remember(long ticket, String cacheKey, Answer answer) {
        if (evictions.get() != ticket) {
            return;
        }
        answers.put(cacheKey, answer);
        // An eviction between the check and the put found nothing to remove: take the answer back out.
        if (evictions.get() != ticket) {
            answers.asMap().remove(cacheKey, answer);
        }
    }

    /** Forgets the acceptances of the affected keys; refusals are not attributable to a key and live seconds. */
    void evict(Predicate<AwxPrincipal> affected) {
        evictions.incrementAndGet();
        answers.asMap().values().removeIf(answer -> answer.principal() != null && affected.test(answer.principal()));
    }
}
