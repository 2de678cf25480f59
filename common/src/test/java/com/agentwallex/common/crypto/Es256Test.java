package com.agentwallex.common.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.Test;

class Es256Test {

    private static final KeyPair JDK_KEYS = generate("SunEC");

    @Test
    void initialisingRegistersBouncyCastleForEveryLookupByName() throws Exception {
        Es256.initialise();

        assertThat(Security.getProvider(Es256.PROVIDER)).isNotNull();
        assertThat(Signature.getInstance("SHA256withECDSA", Es256.PROVIDER).getProvider().getName()).isEqualTo("BC");
    }

    @Test
    void aTokenSignedThroughBouncyCastleVerifiesWithTheJdksOwnProvider() throws Exception {
        String token = sign(Es256.signingKey(JDK_KEYS.getPrivate()), true);

        JsonWebSignature jws = parse(token, JDK_KEYS.getPublic(), false);

        assertThat(jws.verifySignature()).isTrue();
    }

    @Test
    void aTokenSignedByTheJdkVerifiesThroughBouncyCastle() throws Exception {
        String token = sign(JDK_KEYS.getPrivate(), false);

        JsonWebSignature jws = parse(token, Es256.verificationKey(JDK_KEYS.getPublic()), true);

        assertThat(jws.verifySignature()).isTrue();
    }

    @Test
    void aTamperedPayloadFailsVerificationThroughBouncyCastle() throws Exception {
        String token = sign(Es256.signingKey(JDK_KEYS.getPrivate()), true);
        String[] parts = token.split("\\.");
        String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];

        JsonWebSignature jws = parse(tampered, Es256.verificationKey(JDK_KEYS.getPublic()), true);

        assertThat(jws.verifySignature()).isFalse();
    }

    @Test
    void anotherKeysSignatureFailsVerificationThroughBouncyCastle() throws Exception {
        String token = sign(Es256.signingKey(generate("SunEC").getPrivate()), true);

        JsonWebSignature jws = parse(token, Es256.verificationKey(JDK_KEYS.getPublic()), true);

        assertThat(jws.verifySignature()).isFalse();
    }

    @Test
    void convertedKeysAreBouncyCastlesAndEncodeAsTheOriginals() {
        PrivateKey signing = Es256.signingKey(JDK_KEYS.getPrivate());
        PublicKey verification = Es256.verificationKey(JDK_KEYS.getPublic());

        assertThat(signing.getClass().getName()).startsWith("org.bouncycastle.");
        assertThat(verification.getClass().getName()).startsWith("org.bouncycastle.");
        assertThat(verification.getEncoded()).isEqualTo(JDK_KEYS.getPublic().getEncoded());
    }

    @Test
    void aNonEcKeyIsRefused() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        PublicKey rsaKey = rsa.generateKeyPair().getPublic();

        assertThatThrownBy(() -> Es256.verificationKey(rsaKey)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void signaturesGoThroughBouncyCastle() throws Exception {
        String signatureProvider = Es256.providerContext().getSuppliedKeyProviderContext().getSignatureProvider();

        assertThat(signatureProvider).isEqualTo("BC");
        assertThat(Signature.getInstance("SHA256withECDSA", signatureProvider).getProvider().getName()).isEqualTo("BC");
    }

    private static String sign(PrivateKey key, boolean throughBouncyCastle) throws JoseException {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload("{\"sub\":\"usr_1\",\"org_id\":\"org_1\"}");
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        jws.setKey(key);
        if (throughBouncyCastle) {
            jws.setProviderContext(Es256.providerContext());
        }
        return jws.getCompactSerialization();
    }

    private static JsonWebSignature parse(String token, PublicKey key, boolean throughBouncyCastle) throws JoseException {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(token);
        jws.setKey(key);
        if (throughBouncyCastle) {
            jws.setProviderContext(Es256.providerContext());
        }
        return jws;
    }

    private static KeyPair generate(String provider) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", provider);
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
