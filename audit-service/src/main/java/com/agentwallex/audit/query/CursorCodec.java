package com.agentwallex.audit.query;

import com.agentwallex.contract.problem.InvalidParameterException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * Page cursors are opaque and signed: the position (time, id) plus the organization it was
 * issued to, under an HMAC. A cursor altered, invented, or issued to another organization is a
 * 400, so a cursor can never steer a query anywhere the caller's own filters would not.
 */
@ApplicationScoped
class CursorCodec {

    record Position(Instant time, UUID id) {
    }

    private static final Logger LOG = Logger.getLogger(CursorCodec.class);
    private static final int TAG_BYTES = 16;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;

    CursorCodec(AuditQueryConfig config) {
        byte[] secret = config.cursorSecret().filter(s -> !s.isBlank())
                .map(s -> s.getBytes(StandardCharsets.UTF_8))
                .orElseGet(() -> {
                    LOG.warn("awx.audit.query.cursor-secret is not set: cursors are valid on this process only");
                    byte[] random = new byte[32];
                    new SecureRandom().nextBytes(random);
                    return random;
                });
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    String encode(String orgId, Position position) {
        String payload = orgId + "\n" + ChronoUnit.MICROS.between(Instant.EPOCH, position.time()) + "\n" + position.id();
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(body) + "." + ENCODER.encodeToString(tag(body));
    }

    Position decode(String orgId, String cursor) {
        int dot = cursor.indexOf('.');
        if (cursor.length() > 512 || dot < 1) {
            throw invalid();
        }
        byte[] body;
        byte[] tag;
        try {
            body = DECODER.decode(cursor.substring(0, dot));
            tag = DECODER.decode(cursor.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (!MessageDigest.isEqual(tag(body), tag)) {
            throw invalid();
        }
        String[] parts = new String(body, StandardCharsets.UTF_8).split("\n", -1);
        if (parts.length != 3 || !parts[0].equals(orgId)) {
            throw invalid();
        }
        try {
            return new Position(Instant.EPOCH.plus(Long.parseLong(parts[1]), ChronoUnit.MICROS), UUID.fromString(parts[2]));
        } catch (RuntimeException e) {
            throw invalid();
        }
    }

    private byte[] tag(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Arrays.copyOf(mac.doFinal(body), TAG_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    private static InvalidParameterException invalid() {
        return new InvalidParameterException("cursor", "cursor is not one this API issued for this caller");
    }
}
