package com.agentwallex.common.auth;

import com.agentwallex.contract.revocation.ApiKeyRevocation;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keys (and organizations' key policies) changed or ended recently, for agent tokens. A key that
 * lives on changed (narrowed scopes, another allowlist): a token made from it before the change is
 * void, one made after is not (it carries the change). A key that ended (revoked, reported leaked,
 * or rotated and past its grace): from its end on, no token made from it passes, whenever it was
 * made: a verify cache that had not heard of the revocation yet may have let one be made after it,
 * and a token made before a rotation would otherwise outlive a grace shorter than its lifetime.
 * Each entry is kept for as long as such a token can pass: its longest lifetime plus the clock
 * skew, after the change, or after the end and the verify caches' lifetime.
 */
final class RevokedKeys {

    private static final String ROTATED = "rotated";
    /** How late a token can be made from an ended key: two verify caches in a row, each at most this old. */
    static final Duration STALE_ANSWERS = VerifyCacheTtlConverter.MAX.multipliedBy(2);

    private final Map<String, Instant> changed = new ConcurrentHashMap<>();
    private final Map<String, Instant> ended = new ConcurrentHashMap<>();
    private final Duration keep;

    RevokedKeys(Duration keep) {
        this.keep = keep;
    }

    void add(ApiKeyRevocation revocation, Instant now) {
        Instant end = revocation.keyEndsAt();
        if (end != null && end.plus(STALE_ANSWERS).plus(keep).isAfter(now)) {
            ended.merge(revocation.recordKey(), end, (a, b) -> a.isBefore(b) ? a : b);
        }
        // A rotation voids nothing before its end: the old key and its tokens are good through the grace.
        if (!ROTATED.equals(revocation.reason()) && revocation.at().plus(keep).isAfter(now)) {
            changed.merge(revocation.recordKey(), revocation.at(), (a, b) -> a.isAfter(b) ? a : b);
        }
        if ((changed.size() + ended.size()) % 1024 == 0) {
            changed.values().removeIf(at -> !at.plus(keep).isAfter(now));
            ended.values().removeIf(endsAt -> !endsAt.plus(STALE_ANSWERS).plus(keep).isAfter(now));
        }
    }

    /**
     * Whether a token of this key issued at {@code issuedAt} (whole seconds) is void at {@code now}:
     * it predates a change of its key or organization, or its key has ended.
     */
    boolean voids(String keyId, String orgId, Instant issuedAt, Instant now) {
        Instant end = ended.get(keyId);
        return (end != null && !now.isBefore(end))
                || predates(issuedAt, changed.get(keyId)) || predates(issuedAt, changed.get("org:" + orgId));
    }

    /** A token issued in the same second as the change is void too: iat has no finer grain. */
    private static boolean predates(Instant issuedAt, Instant change) {
        return change != null && issuedAt.getEpochSecond() <= change.getEpochSecond();
    }

    int size() {
        return changed.size() + ended.size();
    }
}
