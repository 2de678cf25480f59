package com.agentwallex.system.support;

import com.agentwallex.common.crypto.P256;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

/**
 * Tokens an attacker would try, most of them carrying a genuine signature by auth-service's key:
 * only the verifier's checks of header and claims can stop those.
 */
public final class Forge {

    private Forge() {
    }

    /** The claims of a real access token, re-signed after {@code edit} with auth-service's key. */
    public static String resigned(JwtClaims real, Consumer<JwtClaims> edit, Consumer<JsonWebSignature> header) {
        try {
            JwtClaims claims = JwtClaims.parse(real.toJson());
            edit.accept(claims);
            return sign(claims.toJson(), Stack.signingKey().getPrivate(), header);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sign(String payload, PrivateKey key, Consumer<JsonWebSignature> header) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(payload);
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
            jws.setKeyIdHeaderValue(Stack.KID);
            jws.setHeader("typ", "at+jwt");
            jws.setKey(key);
            header.accept(jws);
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String algNone(JwtClaims real) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"none\",\"typ\":\"at+jwt\",\"kid\":\"system-1\"}".getBytes(StandardCharsets.UTF_8))
                + "." + b64.encodeToString(real.toJson().getBytes(StandardCharsets.UTF_8)) + ".";
    }

    /** Algorithm confusion: HS256 keyed with the bytes of the verifier's own public key. */
    public static String hs256WithPublicKey(JwtClaims real) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(real.toJson());
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
            jws.setKeyIdHeaderValue(Stack.KID);
            jws.setHeader("typ", "at+jwt");
            jws.setKey(new HmacKey(Stack.signingKey().getPublic().getEncoded()));
            jws.setDoKeyValidation(false);
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signed with the attacker's own key, which the header offers (as jwk, or where to fetch it). */
    public static String attackerSigned(JwtClaims real, Map<String, Object> headers, boolean embedJwk) {
        KeyPair attacker = P256.newKeyPair();
        return sign(real.toJson(), attacker.getPrivate(), jws -> {
            headers.forEach(jws::setHeader);
            if (embedJwk) {
                try {
                    PublicJsonWebKey jwk = new EllipticCurveJsonWebKey((java.security.interfaces.ECPublicKey) attacker.getPublic());
                    jws.setJwkHeader(jwk);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });
    }

    /** The same member twice: a parser that keeps the last one would read another organization. */
    public static String duplicateClaim(JwtClaims real, String name, String second) {
        String json = real.toJson();
        String payload = json.substring(0, json.length() - 1) + ",\"" + name + "\":\"" + second + "\"}";
        return sign(payload, Stack.signingKey().getPrivate(), jws -> { });
    }

    public static Map<String, Object> header(String name, Object value) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put(name, value);
        return h;
    }
}
