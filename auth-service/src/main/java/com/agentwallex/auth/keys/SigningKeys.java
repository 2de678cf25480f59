package com.agentwallex.auth.keys;

import com.agentwallex.auth.AuthConfig;
import com.agentwallex.common.crypto.Es256;
import com.agentwallex.common.crypto.P256;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.keys.EllipticCurves;

/**
 * The ES256 key that signs access tokens, and every public key verifiers should still accept
 * (current and previous), published as the JWKS.
 */
@ApplicationScoped
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class);

    private final PrivateKey signingKey;
    private final String keyId;
    private final String jwksJson;
    private final Map<String, PublicKey> verificationKeys;

    SigningKeys(AuthConfig config) {
        AuthConfig.Signing signing = config.signing();
        KeyPair current = signing.keyFile().filter(s -> !s.isBlank()).map(SigningKeys::readKeyPair)
                .orElseGet(() -> {
                    if (!signing.generateDevKey()) {
                        throw new IllegalStateException("no signing key: set AWX_AUTH_SIGNING_KEY_FILE to a PKCS#8 PEM ES256 key");
                    }
                    LOG.warn("generated a throw-away signing key (dev/test only): tokens die with this process");
                    return P256.newKeyPair();
                });
        this.signingKey = Es256.signingKey(current.getPrivate());
        EllipticCurveJsonWebKey currentJwk = jwk((ECPublicKey) current.getPublic(), signing.keyId());
        this.keyId = currentJwk.getKeyId();
        List<EllipticCurveJsonWebKey> publicKeys = new ArrayList<>();
        publicKeys.add(currentJwk);
        signing.previousPublicKeyFile().filter(s -> !s.isBlank()).map(f -> (ECPublicKey) readPublicKey(f))
                .filter(previous -> !previous.equals(current.getPublic()))
                .map(previous -> jwk(previous, signing.previousKeyId()))
                .ifPresent(previous -> {
                    if (previous.getKeyId().equals(keyId)) {
                        throw new IllegalStateException("the previous signing key has the current one's kid " + keyId
                                + ": set AWX_AUTH_PREVIOUS_SIGNING_KEY_ID to the kid its tokens carry");
                    }
                    if (signing.keyId().filter(s -> !s.isBlank()).isPresent()
                            && signing.previousKeyId().filter(s -> !s.isBlank()).isEmpty()) {
                        LOG.warn("AWX_AUTH_SIGNING_KEY_ID is set but AWX_AUTH_PREVIOUS_SIGNING_KEY_ID is not: the previous"
                                + " key is published under its thumbprint, and tokens it signed under a kid of yours fail");
                    }
                    publicKeys.add(previous);
                });
        this.verificationKeys = publicKeys.stream().collect(Collectors.toUnmodifiableMap(
                JsonWebKey::getKeyId, k -> Es256.verificationKey(k.getPublicKey())));
        this.jwksJson = new JsonWebKeySet(publicKeys.stream().map(k -> (JsonWebKey) k).toList())
                .toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    public PrivateKey signingKey() {
        return signingKey;
    }

    public String keyId() {
        return keyId;
    }

    /** The public key with this {@code kid}, if we still accept it. */
    public Optional<PublicKey> publicKey(String kid) {
        return Optional.ofNullable(verificationKeys.get(kid));
    }

    String jwksJson() {
        return jwksJson;
    }

    private static EllipticCurveJsonWebKey jwk(ECPublicKey key, Optional<String> kid) {
        EllipticCurveJsonWebKey jwk = new EllipticCurveJsonWebKey(key);
        jwk.setAlgorithm("ES256");
        jwk.setUse("sig");
        jwk.setKeyId(kid.filter(s -> !s.isBlank()).orElse(jwk.calculateBase64urlEncodedThumbprint("SHA-256")));
        return jwk;
    }

    /**
     * The file holds two PEM blocks, {@code PRIVATE KEY} (PKCS#8) then {@code PUBLIC KEY} (X.509),
     * as {@code openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256} followed by
     * {@code openssl pkey -pubout} write them.
     */
    private static KeyPair readKeyPair(String file) {
        try {
            String text = Files.readString(Path.of(file));
            KeyFactory ec = KeyFactory.getInstance("EC");
            ECPrivateKey privateKey = (ECPrivateKey) ec.generatePrivate(new PKCS8EncodedKeySpec(block(text, "PRIVATE KEY")));
            ECPublicKey publicKey = (ECPublicKey) ec.generatePublic(new X509EncodedKeySpec(block(text, "PUBLIC KEY")));
            if (!privateKey.getParams().getCurve().equals(EllipticCurves.P256.getCurve())) {
                throw new IllegalStateException("the signing key must be on P-256 for ES256");
            }
            return new KeyPair(publicKey, privateKey);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the signing key file needs a PKCS#8 EC PRIVATE KEY and its PUBLIC KEY", e);
        }
    }

    private static byte[] block(String pem, String label) {
        int begin = pem.indexOf("-----BEGIN " + label + "-----");
        int end = pem.indexOf("-----END " + label + "-----");
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("no " + label + " block");
        }
        return Base64.getMimeDecoder().decode(pem.substring(begin + label.length() + 16, end));
    }

    private static PublicKey readPublicKey(String file) {
        try {
            return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(publicKeyBlock(file)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the previous public key file is not an X.509 EC key", e);
        }
    }

    private static byte[] publicKeyBlock(String file) {
        try {
            return block(Files.readString(Path.of(file)), "PUBLIC KEY");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
