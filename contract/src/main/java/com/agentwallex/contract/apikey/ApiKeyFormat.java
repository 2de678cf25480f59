package com.agentwallex.contract.apikey;

import com.agentwallex.contract.WireNamed;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * {@code awx_<environment>_<27 base62 random chars: ≥160 bits><6 base62 chars: CRC32 of the rest>}.
 * The checksum lets any service reject a mistyped or invented key locally, before a lookup, and
 * lets secret scanners match keys with few false positives ({@link #SCANNER_REGEX}).
 */
public final class ApiKeyFormat {

    public enum Environment implements WireNamed {
        SANDBOX("sandbox"), PRODUCTION("production");

        private final String wireName;

        Environment(String wireName) {
            this.wireName = wireName;
        }

        @Override
        public String wireName() {
            return wireName;
        }

        public static Optional<Environment> fromWireName(String name) {
            return WireNamed.lookup(Environment.class, name);
        }
    }

    static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    /** 27 base62 characters carry 27 × log2(62) ≈ 160.8 bits. */
    static final int RANDOM_LENGTH = 27;
    static final int CHECKSUM_LENGTH = 6;
    public static final String SCANNER_REGEX = "awx_(sandbox|production)_[0-9A-Za-z]{33}";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern IN_TEXT = Pattern.compile(SCANNER_REGEX);

    private ApiKeyFormat() {
    }

    /**
     * Whether {@code text} holds something shaped like a key, checksum or not: text a user chose (a
     * key's name, an agent's id) goes into events and the audit log, where no key may ever be.
     */
    public static boolean appearsIn(CharSequence text) {
        return text != null && IN_TEXT.matcher(text).find();
    }

    /**
     * {@code text} with everything shaped like a key masked ({@link #mask}): for text a caller chose
     * that is recorded anyway, such as the path of a refused request, which may hold a key pasted
     * where an id belongs.
     */
    public static String maskedIn(String text) {
        return text == null || !appearsIn(text) ? text
                : IN_TEXT.matcher(text).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(mask(m.group())));
    }

    public static String generate(Environment environment) {
        StringBuilder key = new StringBuilder("awx_").append(environment.wireName()).append('_');
        for (int i = 0; i < RANDOM_LENGTH; i++) {
            key.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return key.append(checksum(key)).toString();
    }

    /**
     * The key's environment when its shape and checksum are right; empty for anything else. Every
     * request with {@code X-API-Key} starts here, so it checks the characters directly: a regular
     * expression match was half the cost of a warm key check.
     */
    public static Optional<Environment> parse(String candidate) {
        if (candidate == null || !candidate.startsWith("awx_")) {
            return Optional.empty();
        }
        Environment environment = candidate.startsWith("sandbox_", 4) ? Environment.SANDBOX
                : candidate.startsWith("production_", 4) ? Environment.PRODUCTION : null;
        if (environment == null) {
            return Optional.empty();
        }
        int body = 4 + environment.wireName.length() + 1 + RANDOM_LENGTH;
        if (candidate.length() != body + CHECKSUM_LENGTH) {
            return Optional.empty();
        }
        for (int i = body - RANDOM_LENGTH; i < candidate.length(); i++) {
            if (!isBase62(candidate.charAt(i))) {
                return Optional.empty();
            }
        }
        return checksum(candidate.substring(0, body)).regionMatches(0, candidate, body, CHECKSUM_LENGTH)
                ? Optional.of(environment) : Optional.empty();
    }

    private static boolean isBase62(char c) {
        return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }

    /** {@code awx_sandbox_AbCd…wxyz}: enough to recognise a key, never enough to use it. */
    public static String mask(String key) {
        int start = key.indexOf('_', 4) + 1;
        return key.substring(0, start + 4) + "…" + key.substring(key.length() - 4);
    }

    static String checksum(CharSequence body) {
        CRC32 crc = new CRC32();
        crc.update(body.toString().getBytes(StandardCharsets.US_ASCII));
        long value = crc.getValue();
        char[] out = new char[CHECKSUM_LENGTH];
        for (int i = CHECKSUM_LENGTH - 1; i >= 0; i--) {
            out[i] = ALPHABET.charAt((int) (value % 62));
            value /= 62;
        }
        return new String(out);
    }
}
