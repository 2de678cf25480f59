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
 * the client's idempotency keys can neither find nor open an answer. Both derivations include the
 * organization and the user, so the same Idempotency-Key sent by anyone else finds nothing.
 */
@Singleton
class AnswerCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    /** Whose answer it is: one user of one organization, under the Idempotency-Key they sent. */
    record Scope(String orgId, String userId, String idempotencyKey) {
    }

    private final SecretKeySpec secret;
    private final SecureRandom random = new SecureRandom();

    AnswerCipher(ApiKeyConfig config) {
        this.secret = new SecretKeySpec(config.hashSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** How the answer is found: never the idempotency key itself. */
    byte[] digest(Scope scope) {
        return derive("lookup", scope);
    }

    byte[] seal(Scope scope, byte[] answer) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] sealed = cipher(Cipher.ENCRYPT_MODE, scope, nonce, answer);
        return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
    }

    byte[] open(Scope scope, byte[] stored) {
        return cipher(Cipher.DECRYPT_MODE, scope, Arrays.copyOf(stored, NONCE_BYTES),
                Arrays.copyOfRange(stored, NONCE_BYTES, stored.length));
    }

    private byte[] cipher(int mode, Scope scope, byte[] nonce, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(derive("answer", scope), "AES"),
                    new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(scope.orgId().getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("stored answer cannot be sealed or opened", e);
        }
    }

    private byte[] derive(String purpose, Scope scope) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(secret);
            // lengths first: no choice of ids and key can spell another scope's input
            String input = "awx-idempotency|" + purpose + "|" + scope.orgId().length() + ":" + scope.orgId()
                    + "|" + scope.userId().length() + ":" + scope.userId() + "|" + scope.idempotencyKey();
            return mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
