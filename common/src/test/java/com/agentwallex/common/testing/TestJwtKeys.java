package com.agentwallex.common.testing;

import com.agentwallex.common.crypto.P256;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Base64;
import java.util.Map;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;

/**
 * Stands in for auth-service's JWKS: a fresh ES256 key per test run, its public half served to
 * the service as a JWKS file, its private half left for {@link Tokens} to sign with.
 */
public class TestJwtKeys implements QuarkusTestResourceLifecycleManager {

    static final Path DIR = Path.of("target", "test-keys");
    static final Path PRIVATE_KEY = DIR.resolve("es256-private.b64");
    static final Path JWKS = DIR.resolve("jwks.json");
    public static final String KID = "test-key-1";

    @Override
    public Map<String, String> start() {
        try {
            KeyPair pair = P256.newKeyPair();
            EllipticCurveJsonWebKey jwk = new EllipticCurveJsonWebKey((java.security.interfaces.ECPublicKey) pair.getPublic());
            jwk.setKeyId(KID);
            jwk.setAlgorithm("ES256");
            jwk.setUse("sig");
            Files.createDirectories(DIR);
            Files.writeString(JWKS, new JsonWebKeySet(jwk).toJson());
            Files.writeString(PRIVATE_KEY, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n"
                    + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
            String jwks = JWKS.toAbsolutePath().toUri().toString();
            return Map.of("awx.request-auth.tokens.jwks-url", jwks, "mp.jwt.verify.publickey.location", jwks);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        // keys stay in target/ for post-mortems; they are regenerated on the next run
    }
}
