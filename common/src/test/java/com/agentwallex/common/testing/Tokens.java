package com.agentwallex.common.testing;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.function.UnaryOperator;
import javax.crypto.spec.SecretKeySpec;

/** Access tokens as auth-service issues them, and the forgeries an attacker would try. */
public final class Tokens {

    public static final String ISSUER = "http://127.0.0.1:8081";
    public static final String AUDIENCE = "agentwallex-api";

    private Tokens() {
    }

    public static String forOrg(String orgId) {
        return accessToken(orgId, c -> c);
    }

    public static String accessToken(String orgId, UnaryOperator<JwtClaimsBuilder> customize) {
        JwtClaimsBuilder claims = Jwt.issuer(ISSUER).audience(AUDIENCE).subject("usr_" + UUID.randomUUID())
                .claim("org_id", orgId).claim("sid", "ses_" + UUID.randomUUID()).claim("plan", "free")
                .claim("scope", "audit:read").issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(900))
                .claim("jti", UUID.randomUUID().toString());
        return customize.apply(claims).jws().keyId(TestJwtKeys.KID).header("typ", "at+jwt")
                .algorithm(SignatureAlgorithm.ES256).sign((PrivateKey) keys()[0]);
    }

    public static String withoutOrg() {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject("usr_x").expiresAt(Instant.now().plusSeconds(900))
                .jws().keyId(TestJwtKeys.KID).algorithm(SignatureAlgorithm.ES256).sign((PrivateKey) keys()[0]);
    }

    /** {@code alg: none}: a token with no signature at all. */
    public static String unsigned(String orgId) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"at+jwt\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(("{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE
                + "\",\"sub\":\"usr_x\",\"org_id\":\"" + orgId + "\",\"exp\":" + (Instant.now().getEpochSecond() + 900)
                + "}").getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + ".";
    }

    /** The algorithm-confusion attack: HS256 keyed with the verifier's public key bytes. */
    public static String hs256WithPublicKey(String orgId) {
        PublicKey publicKey = (PublicKey) keys()[1];
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject("usr_x").claim("org_id", orgId)
                .expiresAt(Instant.now().plusSeconds(900)).jws().keyId(TestJwtKeys.KID)
                .algorithm(SignatureAlgorithm.HS256)
                .sign(new SecretKeySpec(publicKey.getEncoded(), "HmacSHA256"));
    }

    private static Object[] keys() {
        try {
            String[] lines = Files.readString(TestJwtKeys.PRIVATE_KEY).split("\n");
            KeyFactory ec = KeyFactory.getInstance("EC");
            return new Object[] {
                ec.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(lines[0]))),
                ec.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(lines[1])))
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
