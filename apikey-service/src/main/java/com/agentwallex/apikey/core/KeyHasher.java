package com.agentwallex.apikey.core;

import com.agentwallex.apikey.ApiKeyConfig;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA-256 of a key under a server secret: a stolen database alone cannot confirm a guessed
 * key, and the hash is what every lookup and cache uses, so plaintext never leaves the request.
 */
@Singleton
public class KeyHasher {

    private static final int MIN_SECRET_LENGTH = 32;

    private final ThreadLocal<Mac> macs;

    KeyHasher(ApiKeyConfig config) {
        byte[] secret = config.hashSecret().getBytes(StandardCharsets.UTF_8);
        if (secret.length < MIN_SECRET_LENGTH) {
            throw new IllegalStateException("awx.apikey.hash-secret must be at least " + MIN_SECRET_LENGTH + " bytes");
        }
        SecretKeySpec key = new SecretKeySpec(secret, "HmacSHA256");
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(key);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    public byte[] hash(String key) {
        return macs.get().doFinal(key.getBytes(StandardCharsets.US_ASCII));
    }
}
