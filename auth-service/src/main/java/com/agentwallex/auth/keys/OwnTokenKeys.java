package com.agentwallex.auth.keys;

import com.agentwallex.common.auth.AccessTokenKeys;
import java.security.PublicKey;
import java.util.concurrent.CompletableFuture;
import jakarta.inject.Singleton;

/** auth-service verifies its own tokens with the keys it holds: no JWKS round trip to itself. */
@Singleton
class OwnTokenKeys implements AccessTokenKeys {

    private final SigningKeys keys;

    OwnTokenKeys(SigningKeys keys) {
        this.keys = keys;
    }

    @Override
    public CompletableFuture<PublicKey> key(String kid) {
        return CompletableFuture.completedFuture(kid == null ? null : keys.publicKey(kid).orElse(null));
    }
}
