package com.agentwallex.common.auth;

import java.security.PublicKey;
import java.util.concurrent.CompletableFuture;

/**
 * Where the request authentication finds the public key of an access token's {@code kid}. Every
 * service fetches auth-service's JWKS ({@link JwksKeys}, the default); auth-service itself, which
 * holds the keys, plugs in its own.
 */
public interface AccessTokenKeys {

    /** The key for a kid; completes with null when no key of ours has it. Never blocks. */
    CompletableFuture<PublicKey> key(String kid);
}
