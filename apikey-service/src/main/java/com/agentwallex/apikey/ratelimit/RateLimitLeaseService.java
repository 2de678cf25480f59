package com.agentwallex.apikey.ratelimit;

import com.agentwallex.apikey.core.ApiKeyEvents;
import com.agentwallex.apikey.core.ApiKeyProblems;
import com.agentwallex.contract.events.AuthEvent;
import com.agentwallex.contract.events.AuthEvent.Outcome;
import com.agentwallex.contract.events.AuthEventType;
import com.agentwallex.common.ratelimit.RateLimitPolicy;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one budget behind every replica's rate limiting (ADR 19): leases batches of a key's window,
 * takes back what a replica did not spend, and audits the window's first refusal, once for all
 * replicas, as {@code rate_limit.exceeded}.
 */
@ApplicationScoped
class RateLimitLeaseService {

    private final RateLimitWindowRepository windows;
    private final ApiKeyEvents events;

    RateLimitLeaseService(RateLimitWindowRepository windows, ApiKeyEvents events) {
        this.windows = windows;
        this.events = events;
    }

    @Transactional
    LeaseAnswer lease(LeaseRequest request) {
        RateLimitWindowRepository.KeyLimits key = windows.limits(request.keyId()).orElseThrow(ApiKeyProblems::notFound);
        RateLimitPolicy policy = key.policies().stream().filter(p -> p.windowSeconds() == request.windowSeconds())
                .findFirst().orElse(null);
        if (policy == null) {
            // the key's limits changed since the replica heard of them: nothing to count in this window
            return LeaseAnswer.unlimited(request.requested());
        }
        Instant windowStart = Instant.ofEpochSecond(request.windowStart());
        String budget = key.budgetKeyId();
        if (request.returned() > 0) {
            windows.giveBack(budget, policy.windowSeconds(), windowStart, request.returned());
        }
        // a return alone leases nothing, but its answer still tells what is left
        RateLimitWindowRepository.Grant grant = windows.lease(budget, policy.windowSeconds(), windowStart,
                request.requested(), policy.limit());
        if (grant.granted() == 0 && request.blocking() && windows.markExceeded(budget, policy.windowSeconds(),
                windowStart, Instant.now())) {
            events.observed(List.of(exceeded(key.orgId(), request.keyId(), policy, windowStart)));
        }
        return new LeaseAnswer(grant.granted(), Math.max(0, policy.limit() - grant.leased()), policy.limit(),
                policy.windowSeconds(), request.windowStart());
    }

    private static AuthEvent exceeded(String orgId, String keyId, RateLimitPolicy policy,
                                    Instant windowStart) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("policy", policy.name());
        details.put("limit", policy.limit());
        details.put("window_seconds", policy.windowSeconds());
        details.put("window_start", windowStart.toString());
        details.put("window_end", windowStart.plusSeconds(policy.windowSeconds()).toString());
        return ApiKeyEvents.observation(AuthEventType.RATE_LIMIT_EXCEEDED, orgId, keyId, Outcome.FAILURE,
                "key_rate_limit", null, details);
    }

    /** Windows end within a day; their rows are only kept a day longer, for inspection. */
    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void forgetOldWindows() {
        windows.forgetBefore(Instant.now().minus(Duration.ofDays(2)));
    }
}
