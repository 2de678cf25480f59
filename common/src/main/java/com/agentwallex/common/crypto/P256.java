package com.agentwallex.common.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;

/** P-256 (secp256r1) key pairs, the curve of every ES256 key we make: signing, checkpoint, test and bench keys. */
public final class P256 {

    private P256() {
    }

    /** A fresh key pair from the JDK's default provider. */
    public static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            // every Java SE runtime must offer EC on secp256r1
            throw new IllegalStateException("P-256 is unavailable", e);
        }
    }
}
