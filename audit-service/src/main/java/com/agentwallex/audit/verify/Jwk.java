package com.agentwallex.audit.verify;

import com.agentwallex.common.crypto.Sha256;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * EC P-256 JSON Web Keys (RFC 7517/7518) in plain Java, so that the offline verifier needs nothing
 * but the JDK and Jackson, and audit-service signs with the very format it publishes.
 */
public final class Jwk {

    /** The JWS {@code typ} of a checkpoint: a signature over one organization's chain head. */
    public static final String CHECKPOINT_TYPE = "awx-audit-checkpoint+jws";

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder UNB64 = Base64.getUrlDecoder();
    private static final ECParameterSpec P256 = p256();

    private Jwk() {
    }

    /**
     * Prints a new private P-256 JWK: a checkpoint key for AWX_AUDIT_CHECKPOINT_KEY (deploy/README.md).
     * Its kid is the RFC 7638 thumbprint.
     */
    public static void main(String[] args) {
        System.out.println(toPrivateJwk(generateP256(), com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()));
    }

    /** The public key of an EC P-256 JWK. */
    public static PublicKey publicKey(JsonNode jwk) {
        if (!"EC".equals(jwk.path("kty").asText()) || !"P-256".equals(jwk.path("crv").asText())) {
            throw new IllegalArgumentException("not an EC P-256 JWK");
        }
        try {
            ECPoint point = new ECPoint(unsigned(jwk.path("x").asText()), unsigned(jwk.path("y").asText()));
            return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, P256));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a valid EC P-256 public key", e);
        }
    }

    /** The key pair of a private EC P-256 JWK (with {@code d}). */
    public static KeyPair keyPair(JsonNode jwk) {
        if (!jwk.hasNonNull("d")) {
            throw new IllegalArgumentException("the JWK has no private part (d)");
        }
        try {
            return new KeyPair(publicKey(jwk),
                    KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(unsigned(jwk.path("d").asText()), P256)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a valid EC P-256 private key", e);
        }
    }

    /** Its {@code kid}, or the RFC 7638 thumbprint when it has none. */
    public static String kid(JsonNode jwk) {
        if (jwk.hasNonNull("kid") && !jwk.get("kid").asText().isBlank()) {
            return jwk.get("kid").asText();
        }
        String members = "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" + jwk.path("x").asText() + "\",\"y\":\""
                + jwk.path("y").asText() + "\"}";
        return B64.encodeToString(Sha256.of(members));
    }

    /** The public members only, with kid, alg and use, into {@code out}. */
    public static ObjectNode publicJwk(JsonNode jwk, String kid, ObjectNode out) {
        out.put("kty", "EC").put("crv", "P-256").put("x", jwk.path("x").asText()).put("y", jwk.path("y").asText())
                .put("kid", kid).put("alg", "ES256").put("use", "sig");
        return out;
    }

    /** A key pair as a private JWK, into {@code out}. */
    public static ObjectNode toPrivateJwk(KeyPair pair, ObjectNode out) {
        ECPoint w = ((ECPublicKey) pair.getPublic()).getW();
        out.put("kty", "EC").put("crv", "P-256").put("x", coordinate(w.getAffineX())).put("y", coordinate(w.getAffineY()))
                .put("d", coordinate(((ECPrivateKey) pair.getPrivate()).getS()));
        return out;
    }

    /** A fresh P-256 key pair (dev and test keys). */
    public static KeyPair generateP256() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(P256);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("P-256 is unavailable", e);
        }
    }

    static String coordinate(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] fixed = new byte[32];
        int copy = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - copy, fixed, 32 - copy, copy);
        return B64.encodeToString(fixed);
    }

    private static BigInteger unsigned(String base64url) {
        byte[] bytes = UNB64.decode(base64url);
        if (bytes.length != 32) {
            throw new IllegalArgumentException("a P-256 coordinate is 32 bytes, not " + bytes.length);
        }
        return new BigInteger(1, Arrays.copyOf(bytes, bytes.length));
    }

    private static ECParameterSpec p256() {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("P-256 is unavailable", e);
        }
    }
}
