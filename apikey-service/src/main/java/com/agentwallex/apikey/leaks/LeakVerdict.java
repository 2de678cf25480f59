package com.agentwallex.apikey.leaks;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The answer for one reported token, in the partner format: the token by its SHA-256 (never echoed
 * back), and whether it is one of our keys.
 */
@Schema(requiredProperties = {"token_hash", "label"})
record LeakVerdict(@JsonProperty("token_hash") String tokenHash, @JsonProperty("token_type") String tokenType,
                   @JsonProperty("label") String label) {

    static final String TRUE_POSITIVE = "true_positive";
    static final String FALSE_POSITIVE = "false_positive";

    static LeakVerdict of(LeakReport report, boolean ours) {
        return new LeakVerdict(sha256(report.token()), report.type(), ours ? TRUE_POSITIVE : FALSE_POSITIVE);
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(String.valueOf(token).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
