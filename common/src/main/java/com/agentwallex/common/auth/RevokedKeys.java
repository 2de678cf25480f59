package com.agentwallex.common.auth;

import com.agentwallex.contract.revocation.ApiKeyRevocation;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keys (and organizations' key policies) changed recently, for agent tokens: a token made from a
 * key before the key was revoked, changed or reported leaked is void, one made after is not (a
 * narrowed key issues narrowed tokens). A rotation voids nothing: the old key stays valid through
 * its grace, and its tokens never outlive it (the issuer caps their expiry). Each change is kept for
 * as long as a token issued before it can pass: the longest lifetime plus the clock skew.
 */
final class RevokedKeys {

    private static final String ROTATED = "rotated";

    private final Map<String, Instant> changed = new ConcurrentHashMap<>();
    private final Duration keep;

    RevokedKeys(Duration keep) {
        this.keep = keep;
    }

    void add(ApiKeyRevocation revocation, Instant now) {
        if (ROTATED.equals(revocation.reason()) || !revocation.at().plus(keep).isAfter(now)) {
            return;
        }
        changed.merge(revocation.recordKey(), revocation.at(), (a, b) -> a.isAfter(b) ? a : b);
        if (changed.size() % 1024 == 0) {
            changed.values().removeIf(at -> !at.plus(keep).isAfter(now));
        }
    }

    /** Whether a token of this key issued at {@code issuedAt} (whole seconds) predates a change of its key or organization. */
    boolean voids(String keyId, String orgId, Instant issuedAt) {
        return predates(issuedAt, changed.get(keyId)) || predates(issuedAt, changed.get("org:" + orgId));
    }

    /** A token issued in the same second as the change is void too: iat has no finer grain. */
    private static boolean predates(Instant issuedAt, Instant change) {
        return change != null && issuedAt.getEpochSecond() <= change.getEpochSecond();
    }

    int size() {
        return changed.size();
    }
}
