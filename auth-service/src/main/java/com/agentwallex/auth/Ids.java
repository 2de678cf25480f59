package com.agentwallex.auth;

import com.agentwallex.common.crypto.Sha256;
import java.security.SecureRandom;
import java.util.Base64;

/** Identifiers and secrets: prefixed random ids for rows, 256-bit random secrets, their hashes. */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private Ids() {
    }

    /** e.g. {@code usr_3Yw…}: 128 random bits, readable in logs and support tickets. */
    public static String newId(String prefix) {
        return prefix + "_" + random(16);
    }

    /** Whether {@code id} has the shape {@link #newId} gives {@code prefix}: anything else names no row. */
    public static boolean isId(String prefix, String id) {
        return id != null && id.length() == prefix.length() + 23 && id.startsWith(prefix + "_")
                && id.chars().skip(prefix.length() + 1L).allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
                        || (c >= '0' && c <= '9') || c == '-' || c == '_');
    }

    /** A secret a client will hold: 256 random bits behind a prefix that secret scanners can match. */
    public static String newSecret(String prefix) {
        return prefix + random(32);
    }

    public static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return B64.encodeToString(b);
    }

    /** What is stored in place of a secret: its SHA-256, base64url. */
    public static String hash(String secret) {
        return B64.encodeToString(Sha256.of(secret));
    }
}
