package com.agentwallex.apikey.verification;

import com.agentwallex.apikey.core.ApiKeyRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** The cold path: one key by its hash, with its organization's policy, straight from PostgreSQL. */
@ApplicationScoped
class KeyLoader {

    private final ApiKeyRepository keys;

    KeyLoader(ApiKeyRepository keys) {
        this.keys = keys;
    }

    /** @return null when no key has this hash */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    CachedKey load(byte[] hash) {
        return keys.findByHash(hash).map(k -> CachedKey.of(k, keys.rotationHardExpiry(k.orgId))).orElse(null);
    }
}
