package com.agentwallex.auth.token;

import com.agentwallex.common.crypto.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * RFC 7636 with S256 only: the browser that starts a sign-in sends BASE64URL(SHA-256(verifier))
 * and must present the verifier to redeem the exchange code, so a code obtained by anyone else
 * (an attacker signing a victim into the attacker's organization, a leaked redirect) is useless.
 */
public final class Pkce {

    public static final String METHOD = "S256";
    /**
     * Cookies of the verifiers auth-service keeps for sign-ins a browser started without a challenge
     * where one is required (a plain link to the start), one per sign-in, named by its challenge's
     * first characters so that two at once do not overwrite each other. Over HTTPS {@code __Host-}:
     * Secure, host-only, so neither a sibling subdomain nor a plain-HTTP answer can plant one.
     */
    public static final String BROWSER_COOKIE_PREFIX_HTTPS = "__Host-awx_pkce_";
    /** The same over plain HTTP (local development), sent to the exchange only. */
    public static final String BROWSER_COOKIE_PREFIX_HTTP = "awx_pkce_";
    public static final String BROWSER_COOKIE_PATH_HTTP = "/api/v1/auth/exchange";
    private static final int TAG_LENGTH = 16;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** An S256 challenge is the base64url form of 32 bytes: exactly 43 characters. */
    private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");
    /** RFC 7636 §4.1: 43 to 128 unreserved characters. */
    private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

    private Pkce() {
    }

    public static boolean isChallenge(String value) {
        return value != null && CHALLENGE.matcher(value).matches();
    }

    public static boolean isVerifier(String value) {
        return value != null && VERIFIER.matcher(value).matches();
    }

    /** The part of a cookie's name that says which sign-in's verifier it holds. */
    public static String tagOf(String challenge) {
        return challenge.substring(0, TAG_LENGTH);
    }

    /** A new verifier: 32 random bytes, base64url (43 characters). */
    public static String newVerifier() {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** The S256 challenge of {@code verifier}. */
    public static String challengeOf(String verifier) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Sha256.of(verifier));
    }

    /** Whether {@code verifier} hashes to {@code challenge}, compared in constant time. */
    static boolean matches(String verifier, String challenge) {
        return MessageDigest.isEqual(challengeOf(verifier).getBytes(StandardCharsets.US_ASCII),
                challenge.getBytes(StandardCharsets.US_ASCII));
    }
}
