package com.agentwallex.apikey.rotation;

import com.agentwallex.apikey.ApiKeyConfig;
import com.agentwallex.apikey.core.ApiKeyEntity;
import com.agentwallex.apikey.core.ApiKeyEvents;
import com.agentwallex.apikey.core.ApiKeyProblems;
import com.agentwallex.apikey.core.ApiKeyRepository;
import com.agentwallex.apikey.core.ApiKeyStatus;
import com.agentwallex.apikey.core.ApiKeyView;
import com.agentwallex.apikey.core.Caller;
import com.agentwallex.apikey.core.KeyMinter;
import com.agentwallex.contract.apikey.ApiKeyFormat.Environment;
import com.agentwallex.contract.events.AuthEventType;
import com.agentwallex.common.web.ClientContext;
import com.agentwallex.contract.problem.InvalidParameterException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Replaces a key with a new one that inherits its name, environment, scopes, allowlist, rate limits
 * and end date: rotating replaces a secret, it never extends how long a credential may live. The old
 * key keeps working until the grace ends, so deployments can switch over without an outage.
 */
@ApplicationScoped
class RotationService {

    private final ApiKeyRepository keys;
    private final KeyMinter minter;
    private final ApiKeyEvents events;
    private final ApiKeyConfig config;

    RotationService(ApiKeyRepository keys, KeyMinter minter, ApiKeyEvents events, ApiKeyConfig config) {
        this.keys = keys;
        this.minter = minter;
        this.events = events;
        this.config = config;
    }

    @Transactional
    ApiKeyView rotate(Caller caller, String id, Long gracePeriodSeconds, ClientContext client) {
        Duration grace = grace(gracePeriodSeconds);
        if (!KeyMinter.isKeyId(id)) {
            throw ApiKeyProblems.notFound();
        }
        ApiKeyEntity old = keys.lockOwned(caller.orgId(), id).orElseThrow(ApiKeyProblems::notFound);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        boolean hard = keys.rotationHardExpiry(caller.orgId());
        ApiKeyStatus status = old.status(now, hard);
        if (status == ApiKeyStatus.REVOKED || status == ApiKeyStatus.EXPIRED) {
            throw ApiKeyProblems.conflict("A " + status.wireName() + " key cannot be rotated; create a new key.");
        }
        if (old.rotatedTo != null) {
            throw ApiKeyProblems.conflict("This key was already rotated; rotate its successor " + old.rotatedTo + ".");
        }

        KeyMinter.Minted minted = minter.mint(caller, Environment.fromWireName(old.environment).orElseThrow(), now);
        ApiKeyEntity successor = minted.entity();
        successor.name = old.name;
        successor.scopes = old.scopes;
        successor.ipAllowlist = old.ipAllowlist;
        successor.rateLimits = old.rateLimits;
        successor.expiresAt = old.expiresAt;
        successor.rotatedFrom = old.id;
        keys.insert(successor);

        Instant graceEnd = now.plus(grace);
        old.rotatedTo = successor.id;
        if (old.expiresAt == null || graceEnd.isBefore(old.expiresAt)) {
            old.expiresAt = graceEnd;
        }
        keys.update(old);
        // Under a hard expiry policy the old key may stop at its rotation date, before the grace ends:
        // the event and the revocation record say when it really stops.
        Instant oldKeyEnds = old.effectiveExpiry(hard);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("new_key_id", successor.id);
        details.put("new_masked_key", successor.maskedKey);
        details.put("grace_period_seconds", Duration.between(now, oldKeyEnds).toSeconds());
        details.put("old_key_expires_at", oldKeyEnds.toString());
        events.byUser(AuthEventType.API_KEY_ROTATED, caller, ApiKeyEvents.resource(old), client, details);
        events.invalidateEnding(old.id, old.orgId, "rotated", oldKeyEnds);
        return ApiKeyView.withKey(successor, caller, hard, now, minted.plaintext());
    }

    private Duration grace(Long seconds) {
        if (seconds == null) {
            return config.rotation().defaultGrace();
        }
        Duration max = config.rotation().maxGrace();
        if (seconds < 0 || seconds > max.toSeconds()) {
            throw new InvalidParameterException("grace_period_seconds",
                    "grace_period_seconds must be between 0 and " + max.toSeconds());
        }
        return Duration.ofSeconds(seconds);
    }
}
