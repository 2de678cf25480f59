package com.agentwallex.audit.integrity;

import com.agentwallex.audit.verifier.AuditLogVerifier;
import com.agentwallex.common.crypto.P256;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.util.Base64;

/**
 * The signing side of the checkpoint keys: a private EC P-256 JWK (RFC 7517/7518) read, made and
 * published in plain Java. Reading the public keys back and checking signatures is the verifier's
 * (module audit-verifier), which a tenant runs without us.
 */
public final class CheckpointJwk {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private CheckpointJwk() {
    }

    /**
     * Prints a new private P-256 JWK: a checkpoint key for AWX_AUDIT_CHECKPOINT_KEY (deploy/README.md).
     * Its kid is the RFC 7638 thumbprint.
     */
    public static void main(String[] args) {
        System.out.println(toPrivateJwk(P256.newKeyPair(), JsonNodeFactory.instance.objectNode()));
    }

    /** The private key of an EC P-256 JWK (with {@code d}). */
    static PrivateKey privateKey(JsonNode jwk) {
        if (!"EC".equals(jwk.path("kty").asText()) || !"P-256".equals(jwk.path("crv").asText()) || !jwk.hasNonNull("d")) {
            throw new IllegalArgumentException("the checkpoint key is not a private EC P-256 JWK (kty EC, crv P-256, d)");
        }
        byte[] d = Base64.getUrlDecoder().decode(jwk.path("d").asText());
        try {
            AlgorithmParameters p256 = AlgorithmParameters.getInstance("EC");
            p256.init(new ECGenParameterSpec("secp256r1"));
            return KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(new BigInteger(1, d),
                    p256.getParameterSpec(ECParameterSpec.class)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a valid EC P-256 private key", e);
        }
    }

    /** Its {@code kid}, or the RFC 7638 thumbprint when it has none: the verifier's definition. */
    static String kid(JsonNode jwk) {
        return AuditLogVerifier.keyId(jwk);
    }

    /** The public members only, with kid, alg and use, into {@code out}. */
    static ObjectNode publicJwk(JsonNode jwk, String kid, ObjectNode out) {
        out.put("kty", "EC").put("crv", "P-256").put("x", jwk.path("x").asText()).put("y", jwk.path("y").asText())
                .put("kid", kid).put("alg", "ES256").put("use", "sig");
        return out;
    }

    /** A key pair as a private JWK, into {@code out}. */
    static ObjectNode toPrivateJwk(KeyPair pair, ObjectNode out) {
        ECPoint w = ((ECPublicKey) pair.getPublic()).getW();
        out.put("kty", "EC").put("crv", "P-256").put("x", coordinate(w.getAffineX())).put("y", coordinate(w.getAffineY()))
                .put("d", coordinate(((ECPrivateKey) pair.getPrivate()).getS()));
        return out;
    }

    private static String coordinate(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] fixed = new byte[32];
        int copy = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - copy, fixed, 32 - copy, copy);
        return B64.encodeToString(fixed);
    }
}
