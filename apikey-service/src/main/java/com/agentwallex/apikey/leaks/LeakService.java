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
    private static final int MAX_URL = 2_048;
    private static final int MAX_SOURCE = 64;

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
            details.put("url", shown(report.url(), MAX_URL));
            details.put("source", shown(report.source(), MAX_SOURCE));
            details.put("reporter_key_id", reporterKeyId);
            events.leaked(key, REPORTER, client, details);
            events.invalidateEnding(key.id, key.orgId, "leaked", key.revokedAt);
        }
        return true;
    }

    /**
     * The reporter's text as the audit event can hold it: an event is at most 64 KB and the audit
     * store refuses control characters, and one oversized or odd field must not stop the revocation
     * of every key in the batch (the transaction would roll back on each retry alike).
     */
    private static String shown(String text, int max) {
        if (text == null) {
            return "null";
        }
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            // An unpaired surrogate is no character: PostgreSQL's jsonb refuses it, so the event would never be stored.
            if (Character.isISOControl(c) || Character.getType(c) == Character.SURROGATE) {
                continue;
            }
            if (shown.length() + Character.charCount(c) > max) {
                return shown.append('…').toString();
            }
            shown.appendCodePoint(c);
        }
        return shown.toString();
    }
}
