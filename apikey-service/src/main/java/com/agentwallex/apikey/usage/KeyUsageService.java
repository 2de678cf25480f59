package com.agentwallex.apikey.usage;

import com.agentwallex.apikey.core.ApiKeyEntity;
import com.agentwallex.apikey.core.ApiKeyProblems;
import com.agentwallex.apikey.core.ApiKeyRepository;
import com.agentwallex.apikey.core.Caller;
import com.agentwallex.apikey.core.KeyMinter;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Reads a key's usage for its owners; forgets usage older than the 90 days it is shown for. */
@ApplicationScoped
class KeyUsageService {

    static final int DAYS = 90;
    static final int MAX_CLIENTS = 100;

    private final ApiKeyRepository keys;
    private final KeyUsageRepository usage;

    KeyUsageService(ApiKeyRepository keys, KeyUsageRepository usage) {
        this.keys = keys;
        this.usage = usage;
    }

    @Transactional
    KeyUsageView usage(Caller caller, String id) {
        if (!KeyMinter.isKeyId(id)) {
            throw ApiKeyProblems.notFound();
        }
        ApiKeyEntity key = keys.findOwned(caller.orgId(), id).orElseThrow(ApiKeyProblems::notFound);
        Instant now = Instant.now();
        LocalDate to = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate from = to.minusDays(DAYS - 1L);
        Instant clientsSince = key.rotatedTo == null ? now.minus(Duration.ofDays(1))
                : keys.findOwned(caller.orgId(), key.rotatedTo).map(successor -> successor.createdAt)
                        .orElse(now.minus(Duration.ofDays(1)));
        return new KeyUsageView(key.id, from, to,
                usage.days(key.id, from).stream().map(d -> new KeyUsageView.Day(d.day(), d.outcome(), d.count())).toList(),
                clientsSince,
                usage.clients(key.id, clientsSince, MAX_CLIENTS).stream()
                        .map(c -> new KeyUsageView.Client(c.clientIp().isEmpty() ? null : c.clientIp(), c.count(), c.lastUsedAt()))
                        .toList());
    }

    @Scheduled(every = "1h", delayed = "7m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void forgetOldUsage() {
        usage.forgetBefore(LocalDate.now(ZoneOffset.UTC).minusDays(DAYS));
    }
}
