package com.agentwallex.common.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Security;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.jose4j.jca.ProviderContext;

/**
 * Where ES256 signatures are computed: Bouncy Castle's provider, with keys converted to its own
 * key objects once. On Java 17 SunEC takes about 500 µs to sign a P-256 signature on our 2-core
 * machine and 900 µs to verify one; Bouncy Castle about 90 and 190 µs, but only with its own key
 * objects: handed a JDK key it converts the curve on every call and loses its precomputed tables
 * (250 µs a signature). Every refresh signs one, every Bearer request verifies one (ADR 11).
 * The provider is registered here, when this class initialises: in a service on a thread of its own
 * at launch ({@code ServiceMain}), in a test on first use. Native images get it registered while the
 * image is built ({@code quarkus.security.security-providers=BC} in the parent pom's native profile).
 */
public final class Es256 {

    /**
     * A compile-time constant: using it does not initialise this class, so the provider may not be
     * registered yet. Look algorithms up with it only after calling one of this class's methods.
     */
    public static final String PROVIDER = BouncyCastleProvider.PROVIDER_NAME;

    private static final ProviderContext CONTEXT = new ProviderContext();

    static {
        if (Security.getProvider(PROVIDER) == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
        CONTEXT.getSuppliedKeyProviderContext().setSignatureProvider(PROVIDER);
        CONTEXT.getGeneralProviderContext().setSignatureProvider(PROVIDER);
    }

    private Es256() {
    }

    /** Registers the provider, if this class has not yet done it: the class's initialiser does. */
    public static void initialise() {
        // nothing more: calling a static method is what initialises the class
    }

    /** For jose4j: signatures with a key we supply go through Bouncy Castle; nothing else changes. */
    public static ProviderContext providerContext() {
        return CONTEXT;
    }

    /** The same EC private key as Bouncy Castle's own object: convert once, sign many times. */
    public static PrivateKey signingKey(PrivateKey key) {
        try {
            return KeyFactory.getInstance("EC", PROVIDER).generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an EC private key", e);
        }
    }

    /** The same EC public key as Bouncy Castle's own object: convert once, verify many times. */
    public static PublicKey verificationKey(PublicKey key) {
        try {
            return KeyFactory.getInstance("EC", PROVIDER).generatePublic(new X509EncodedKeySpec(key.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an EC public key", e);
        }
    }
}
