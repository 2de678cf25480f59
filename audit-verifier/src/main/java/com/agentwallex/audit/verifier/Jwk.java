package com.agentwallex.audit.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Base64;

/**
 * The public EC P-256 JSON Web Keys (RFC 7517/7518) that checkpoints are signed with, read with the
 * JDK alone. audit-service's signing side (the private key) is its own and stays there.
 */
final class Jwk {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final ECParameterSpec P256 = p256();

    private Jwk() {
    }

    /** The public key of an EC P-256 JWK. */
    static PublicKey publicKey(JsonNode jwk) {
        if (!"EC".equals(jwk.path("kty").asText()) || !"P-256".equals(jwk.path("crv").asText())) {
            throw new IllegalArgumentException("not an EC P-256 JWK");
        }
        try {
            ECPoint point = new ECPoint(coordinate(jwk.path("x").asText()), coordinate(jwk.path("y").asText()));
            return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, P256));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a valid EC P-256 public key", e);
        }
    }

    /** Its {@code kid}, or the RFC 7638 thumbprint when it has none. */
    static String kid(JsonNode jwk) {
        if (jwk.hasNonNull("kid") && !jwk.get("kid").asText().isBlank()) {
            return jwk.get("kid").asText();
        }
        String members = "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" + jwk.path("x").asText() + "\",\"y\":\""
                + jwk.path("y").asText() + "\"}";
        return B64.encodeToString(EventChain.sha256(new byte[0], members));
    }

    private static BigInteger coordinate(String base64url) {
        byte[] bytes = Base64.getUrlDecoder().decode(base64url);
        if (bytes.length != 32) {
            throw new IllegalArgumentException("a P-256 coordinate is 32 bytes, not " + bytes.length);
        }
        return new BigInteger(1, bytes);
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
