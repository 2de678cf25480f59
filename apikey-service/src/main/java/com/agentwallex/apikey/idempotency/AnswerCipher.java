package com.agentwallex.apikey.idempotency;

import com.agentwallex.apikey.ApiKeyConfig;
import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stored answers are sealed with AES-256-GCM under a key derived from the server's hash secret and
 * the client's Idempotency-Key, and found by a second derivation: whoever reads the table without
 * the client's idempotency keys can neither find nor open an answer.
 */
@Singleton
class AnswerCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec secret;
    private final SecureRandom random = new SecureRandom();

    AnswerCipher(ApiKeyConfig config) {
        this.secret = new SecretKeySpec(config.hashSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** How the answer is found: never the idempotency key itself. */
    byte[] digest(String orgId, String idempotencyKey) {
        return derive("lookup", orgId, idempotencyKey);
    }

    byte[] seal(String orgId, String idempotencyKey, byte[] answer) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] sealed = cipher(Cipher.ENCRYPT_MODE, orgId, idempotencyKey, nonce, answer);
        return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
    }

    byte[] open(String orgId, String idempotencyKey, byte[] stored) {
        return cipher(Cipher.DECRYPT_MODE, orgId, idempotencyKey, Arrays.copyOf(stored, NONCE_BYTES),
                Arrays.copyOfRange(stored, NONCE_BYTES, stored.length));
    }

    private byte[] cipher(int mode, String orgId, String idempotencyKey, byte[] nonce, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(derive("answer", orgId, idempotencyKey), "AES"),
                    new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(orgId.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("stored answer cannot be sealed or opened", e);
        }
    }

    private byte[] derive(String purpose, String orgId, String idempotencyKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(secret);
            return mac.doFinal(("awx-idempotency|" + purpose + "|" + orgId + "|" + idempotencyKey)
                    .getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
