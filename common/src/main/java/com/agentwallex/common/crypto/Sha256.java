package com.agentwallex.common.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 of a string, with one digest per thread: lookups and credential checks on hot paths
 * would otherwise pay a provider lookup for a fresh MessageDigest on every call.
 */
public final class Sha256 {

    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private Sha256() {
    }

    public static byte[] of(String text) {
        return DIGEST.get().digest(text.getBytes(StandardCharsets.UTF_8));
    }

    /** SHA-256 of {@code prefix} followed by the UTF-8 of {@code text}: a hash-chain link. */
    public static byte[] of(byte[] prefix, String text) {
        MessageDigest digest = DIGEST.get();
        digest.update(prefix);
        return digest.digest(text.getBytes(StandardCharsets.UTF_8));
    }
}
