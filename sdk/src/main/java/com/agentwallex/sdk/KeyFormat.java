package com.agentwallex.sdk;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * The published key format, {@code awx_<environment>_<27 base62><6 base62: CRC32 of the rest>},
 * checked on the client so a mistyped or truncated key fails before it crosses the network. It
 * restates the format rather than importing the services' class: the SDK depends on no service
 * module, and system-tests hold the two to the same keys (KeyFormatAgreementTest).
 */
final class KeyFormat {

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final int CHECKSUM_LENGTH = 6;
    private static final Pattern SHAPE = Pattern.compile("awx_(sandbox|production)_([0-9A-Za-z]{27})([0-9A-Za-z]{6})");
    private static final Pattern ENVIRONMENT_PREFIX = Pattern.compile("awx_(sandbox|production)_.*", Pattern.DOTALL);

    private KeyFormat() {
    }

    /** The key's environment, or an exception that says what is wrong without repeating the key. */
    static Environment environmentOf(String key) {
        if (key == null || key.isBlank()) {
            throw new InvalidApiKeyException(InvalidApiKeyException.Reason.MISSING, "No API key was given.");
        }
        if (key.length() > 64 || !ENVIRONMENT_PREFIX.matcher(key).matches()) {
            throw new InvalidApiKeyException(InvalidApiKeyException.Reason.MALFORMED,
                    "The API key is malformed: an AgentWallex key starts with awx_sandbox_ or awx_production_.");
        }
        Matcher m = SHAPE.matcher(key);
        if (!m.matches()) {
            throw new InvalidApiKeyException(InvalidApiKeyException.Reason.MALFORMED,
                    "The API key is malformed: after its environment it has 33 letters and digits; check that it was copied whole.");
        }
        if (!checksum(key.substring(0, m.start(3))).equals(m.group(3))) {
            throw new InvalidApiKeyException(InvalidApiKeyException.Reason.MALFORMED,
                    "The API key is malformed: its checksum does not match, so a character was changed or mistyped.");
        }
        return Environment.fromWireName(m.group(1)).orElseThrow();
    }

    static String checksum(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        long value = crc.getValue();
        char[] out = new char[CHECKSUM_LENGTH];
        for (int i = CHECKSUM_LENGTH - 1; i >= 0; i--) {
            out[i] = ALPHABET.charAt((int) (value % 62));
            value /= 62;
        }
        return new String(out);
    }
}
