package com.agentwallex.apikey.leaks;

import com.agentwallex.apikey.core.ApiKeyEntity;
import com.agentwallex.apikey.core.ApiKeyEvents;
import com.agentwallex.apikey.core.ApiKeyRepository;
import com.agentwallex.apikey.core.KeyHasher;
import com.agentwallex.contract.apikey.ApiKeyFormat;
import com.agentwallex.common.web.ClientContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Acts on a verified leak report: a reported token that is a live key of ours is revoked at once,
 * with its event and the revocation every verifier follows, all in one transaction. A token that
 * fails the format's checksum is answered without touching the database, so a flood of look-alikes
 * costs no lookups.
 */
@ApplicationScoped
class LeakService {

    static final String REPORTER = "secret-scanning";

    private final ApiKeyRepository keys;
    private final KeyHasher hasher;
    private final ApiKeyEvents events;

    LeakService(ApiKeyRepository keys, KeyHasher hasher, ApiKeyEvents events) {
        this.keys = keys;
        this.hasher = hasher;
        this.events = events;
    }

    @Transactional
    List<LeakVerdict> handle(List<LeakReport> reports, String reporterKeyId, ClientContext client) {
        List<LeakVerdict> verdicts = new ArrayList<>(reports.size());
        for (LeakReport report : reports) {
            verdicts.add(LeakVerdict.of(report, ours(report, reporterKeyId, client)));
        }
        return verdicts;
    }

    /** A key of ours, live or not: GitHub's label says whether the token is real, not whether it still works. */
    private boolean ours(LeakReport report, String reporterKeyId, ClientContext client) {
        if (report.token() == null || ApiKeyFormat.parse(report.token()).isEmpty()) {
            return false;
        }
        ApiKeyEntity key = keys.lockByHash(hasher.hash(report.token())).orElse(null);
        if (key == null) {
            return false;
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        boolean live = key.revokedAt == null && (key.expiresAt == null || key.expiresAt.isAfter(now));
        if (live) {
            key.revokedAt = now;
            keys.update(key);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("masked_key", key.maskedKey);
            details.put("url", String.valueOf(report.url()));
            details.put("source", String.valueOf(report.source()));
            details.put("reporter_key_id", reporterKeyId);
            events.leaked(key, REPORTER, client, details);
            events.invalidateEnding(key.id, key.orgId, "leaked", key.revokedAt);
        }
        return true;
    }
}
