package com.agentwallex.apikey.management;

import com.agentwallex.apikey.ApiKeyConfig;
import com.agentwallex.apikey.core.ApiKeyEntity;
import com.agentwallex.apikey.core.ApiKeyEvents;
import com.agentwallex.apikey.core.ApiKeyProblems;
import com.agentwallex.apikey.core.ApiKeyRepository;
import com.agentwallex.apikey.core.ApiKeyView;
import com.agentwallex.apikey.core.Caller;
import com.agentwallex.apikey.core.KeyMinter;
import com.agentwallex.apikey.core.KeyPolicyEntity;
import com.agentwallex.common.ratelimit.RateLimitPolicy;
import com.agentwallex.common.web.ClientContext;
import com.agentwallex.common.web.Parameters;
import com.agentwallex.contract.events.AuthEvent.Resource;
import com.agentwallex.contract.events.AuthEventType;
import com.agentwallex.contract.problem.InvalidParameterException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Create, read, update and revoke keys; each change commits with its event and cache revocation. */
@ApplicationScoped
class ApiKeyService {

    static final int DEFAULT_PAGE = 50;
    static final int MAX_PAGE = 100;

    private final ApiKeyRepository keys;
    private final KeyMinter minter;
    private final ApiKeyEvents events;
    private final ApiKeyConfig config;

    ApiKeyService(ApiKeyRepository keys, KeyMinter minter, ApiKeyEvents events, ApiKeyConfig config) {
        this.keys = keys;
        this.minter = minter;
        this.events = events;
        this.config = config;
    }

    @Transactional
    ApiKeyView create(Caller caller, ApiKeyRequests.Create body, ClientContext client) {
        Instant now = now();
        String name = KeyInput.name(body.name());
        var environment = KeyInput.environment(body.environment(), config.keyEnvironments());
        String[] scopes = KeyInput.scopes(body.scopes());
        Instant expiresAt = KeyInput.expiresAt(body.expiresAt(), now);
        String[] allowlist = KeyInput.allowlist(body.ipAllowlist(), caller);
        List<RateLimitPolicy> rateLimits = KeyInput.rateLimits(body.rateLimits());

        KeyMinter.Minted minted = minter.mint(caller, environment, now);
        ApiKeyEntity key = minted.entity();
        key.name = name;
        key.scopes = scopes;
        key.expiresAt = expiresAt;
        key.ipAllowlist = allowlist;
        key.rateLimits = rateLimits == null ? List.of() : rateLimits;
        keys.insert(key);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("environment", key.environment);
        details.put("scopes", List.of(scopes));
        details.put("masked_key", key.maskedKey);
        if (!key.rateLimits.isEmpty()) {
            details.put("rate_limits", RateLimitPolicy.wireForms(key.rateLimits));
        }
        events.byUser(AuthEventType.API_KEY_CREATED, caller, ApiKeyEvents.resource(key), client, details);
        return ApiKeyView.withKey(key, caller, keys.rotationHardExpiry(caller.orgId()), now, minted.plaintext());
    }

    @Transactional
    ApiKeyPage list(Caller caller, String limit, String startingAfter) {
        int size = Parameters.limit(limit, DEFAULT_PAGE, MAX_PAGE);
        ApiKeyEntity after = null;
        if (startingAfter != null) {
            after = (KeyMinter.isKeyId(startingAfter) ? keys.findOwned(caller.orgId(), startingAfter) : java.util.Optional.<ApiKeyEntity>empty())
                    .orElseThrow(() -> new InvalidParameterException("starting_after", "starting_after must be the id of one of your keys"));
        }
        List<ApiKeyEntity> rows = keys.page(caller.orgId(), after, size + 1);
        boolean hard = keys.rotationHardExpiry(caller.orgId());
        Instant now = now();
        List<ApiKeyView> data = new ArrayList<>();
        for (ApiKeyEntity row : rows.subList(0, Math.min(size, rows.size()))) {
            data.add(ApiKeyView.of(row, caller, hard, now));
        }
        return new ApiKeyPage(data, rows.size() > size);
    }

    @Transactional
    ApiKeyView get(Caller caller, String id) {
        ApiKeyEntity key = owned(caller, id, false);
        return ApiKeyView.of(key, caller, keys.rotationHardExpiry(caller.orgId()), now());
    }

    @Transactional
    ApiKeyView update(Caller caller, String id, ApiKeyRequests.Update body, ClientContext client) {
        if (body.name() == null && body.scopes() == null && body.ipAllowlist() == null && body.rateLimits() == null) {
            throw new InvalidParameterException("body", "name, scopes, ip_allowlist or rate_limits is required");
        }
        ApiKeyEntity key = owned(caller, id, true);
        if (key.revokedAt != null) {
            throw ApiKeyProblems.conflict("A revoked key cannot be changed.");
        }
        key.plan = caller.plan();
        Map<String, Object> changed = new LinkedHashMap<>();
        if (body.name() != null) {
            key.name = KeyInput.name(body.name());
            changed.put("name", key.name);
        }
        if (body.scopes() != null) {
            key.scopes = KeyInput.scopes(body.scopes());
            changed.put("scopes", List.of(key.scopes));
        }
        if (body.ipAllowlist() != null) {
            key.ipAllowlist = KeyInput.allowlist(body.ipAllowlist(), caller);
            changed.put("ip_allowlist", Arrays.asList(key.ipAllowlist));
        }
        if (body.rateLimits() != null) {
            key.rateLimits = KeyInput.rateLimits(body.rateLimits());
            changed.put("rate_limits", RateLimitPolicy.wireForms(key.rateLimits));
        }
        keys.update(key);
        events.byUser(AuthEventType.API_KEY_UPDATED, caller, ApiKeyEvents.resource(key), client, changed);
        if (key.rotatedTo != null) {
            // The topic is compacted by key: this record replaces the rotation's, so it carries the key's end too.
            events.invalidateEnding(key.id, key.orgId, "updated", key.expiresAt);
        } else {
            events.invalidate(key.id, key.orgId, "updated");
        }
        return ApiKeyView.of(key, caller, keys.rotationHardExpiry(caller.orgId()), now());
    }

    /** Idempotent: revoking a revoked key changes nothing and tells nobody. */
    @Transactional
    void revoke(Caller caller, String id, ClientContext client) {
        ApiKeyEntity key = owned(caller, id, true);
        if (key.revokedAt != null) {
            return;
        }
        key.revokedAt = now();
        keys.update(key);
        events.byUser(AuthEventType.API_KEY_REVOKED, caller, ApiKeyEvents.resource(key), client,
                Map.of("masked_key", key.maskedKey));
        events.invalidateEnding(key.id, key.orgId, "revoked", key.revokedAt);
    }

    @Transactional
    KeyPolicyView policy(Caller caller) {
        return keys.policy(caller.orgId()).map(this::view)
                .orElseGet(() -> new KeyPolicyView(false, config.rotation().period().toDays(),
                        KeyInput.wireNames(config.keyEnvironments()), null));
    }

    @Transactional
    KeyPolicyView setPolicy(Caller caller, ApiKeyRequests.Policy body, ClientContext client) {
        if (body.rotationHardExpiry() == null) {
            throw new InvalidParameterException("rotation_hard_expiry", "rotation_hard_expiry (true or false) is required");
        }
        KeyPolicyEntity policy = new KeyPolicyEntity(caller.orgId(), body.rotationHardExpiry(), now(), caller.userId());
        keys.save(policy);
        events.byUser(AuthEventType.API_KEY_UPDATED, caller, new Resource("api_key_policy", caller.orgId()), client,
                Map.of("rotation_hard_expiry", policy.rotationHardExpiry()));
        events.invalidate(null, caller.orgId(), "policy_changed");
        return view(policy);
    }

    private KeyPolicyView view(KeyPolicyEntity policy) {
        return new KeyPolicyView(policy.rotationHardExpiry(), config.rotation().period().toDays(),
                KeyInput.wireNames(config.keyEnvironments()), policy.updatedAt());
    }

    private ApiKeyEntity owned(Caller caller, String id, boolean lock) {
        if (!KeyMinter.isKeyId(id)) {
            throw ApiKeyProblems.notFound();
        }
        return (lock ? keys.lockOwned(caller.orgId(), id) : keys.findOwned(caller.orgId(), id))
                .orElseThrow(ApiKeyProblems::notFound);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
