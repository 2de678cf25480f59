package com.agentwallex.apikey.verification;

import com.agentwallex.common.net.IpAllowlist;
import com.agentwallex.contract.apikey.ApiKeyFormat.Environment;
import inet.ipaddr.IPAddress;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** What verify needs to know about a key, immutable and parsed once when it enters the cache. */
record CachedKey(
        String id,
        String orgId,
        Environment environment,
        List<String> scopes,
        IpAllowlist allowlist,
        Instant expiresAt,
        Instant rotationDueAt,
        Instant revokedAt,
        boolean rotating,
        String plan,
        List<String> rateLimits,
        Memo memo) {

    /**
     * The VALID answer and its JSON, built once per cached key and reused by every later request;
     * only from a key's second VALID answer on: a key verified once per cache lifetime (most of a
     * cold cache's 100,000 entries) would otherwise hold ~400 bytes it never reuses.
     */
    static final class Memo {
        volatile boolean answeredOnce;
        volatile VerifyResponse valid;
        volatile byte[] validJson;
    }

    /**
     * Its share of the verify cache, in plain cached keys: each allowlist network weighs about as
     * much as the rest of the entry (measured 100-800 bytes a network against ~600 for a key), so
     * a cache full of keys with 100-entry allowlists holds fewer keys, not 100 times the memory.
     */
    int weight() {
        return 1 + allowlist.size();
    }

    /** The checks in the order a client would fix them: is it alive, from here, for this, with these rights. */
    VerifyCode judge(Instant now, IPAddress client, Environment requiredEnvironment, Set<String> requiredScopes) {
        if (revokedAt != null) {
            return VerifyCode.REVOKED;
        }
        if (expiresAt != null && !now.isBefore(expiresAt)) {
            return VerifyCode.EXPIRED;
        }
        if (!allowlist.allows(client)) {
            return VerifyCode.IP_NOT_ALLOWED;
        }
        if (requiredEnvironment != null && requiredEnvironment != environment) {
            return VerifyCode.WRONG_ENVIRONMENT;
        }
        if (!scopes.containsAll(requiredScopes)) {
            return VerifyCode.INSUFFICIENT_SCOPE;
        }
        return VerifyCode.VALID;
    }

    VerifyResponse answer(VerifyCode code) {
        if (code != VerifyCode.VALID) {
            return build(code, null);
        }
        VerifyResponse valid = memo.valid;
        if (valid == null) {
            if (!memo.answeredOnce) {
                memo.answeredOnce = true;
                return build(code, null);
            }
            valid = build(code, memo);
            memo.valid = valid;
        }
        return valid;
    }

    private VerifyResponse build(VerifyCode code, Memo kept) {
        String status = code == VerifyCode.REVOKED ? "revoked" : code == VerifyCode.EXPIRED ? "expired"
                : rotating ? "rotating" : "active";
        return new VerifyResponse(code == VerifyCode.VALID, code, id, orgId, environment.wireName(), scopes,
                expiresAt, rotationDueAt, status, plan, List.of(allowlist.canonical()), rateLimits, kept);
    }
}
