package com.agentwallex.audit.verifier;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Exports, checkpoints and keys as audit-service writes them, made here so the verifier's tests need no service. */
final class Lines {

    static final ObjectMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private Lines() {
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Events 1..n of {@code org}, each linked to the one before, as export lines. */
    static List<ObjectNode> chain(String org, int n) {
        List<ObjectNode> lines = new ArrayList<>();
        byte[] previous = EventChain.genesis();
        for (int seq = 1; seq <= n; seq++) {
            ObjectNode e = JSON.createObjectNode().put("id", "00000000-0000-4000-8000-" + String.format("%012d", seq))
                    .put("type", "auth.login.succeeded").put("time", "2026-12-04T21:53:22.120000Z").put("source", "auth-service")
                    .put("org_id", org).put("outcome", "success").put("seq", seq);
            e.putObject("actor").put("type", "user").put("id", "usr_" + seq);
            e.putObject("details").put("n", seq);
            byte[] hash = EventChain.link(previous, e);
            e.put("prev_hash", EventChain.hex(previous)).put("hash", EventChain.hex(hash));
            lines.add(e);
            previous = hash;
        }
        return lines;
    }

    static String ndjson(List<ObjectNode> lines) {
        StringBuilder out = new StringBuilder();
        lines.forEach(l -> out.append(l).append('\n'));
        return out.toString();
    }

    /** A checkpoint key: its pair and its public JWKS. */
    record Key(KeyPair pair, String kid) {

        static Key generate(String kid) {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"));
                return new Key(generator.generateKeyPair(), kid);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        ObjectNode jwks() {
            ECPublicKey key = (ECPublicKey) pair.getPublic();
            ObjectNode jwks = JSON.createObjectNode();
            jwks.putArray("keys").addObject().put("kty", "EC").put("crv", "P-256").put("kid", kid)
                    .put("x", coordinate(key.getW().getAffineX().toByteArray()))
                    .put("y", coordinate(key.getW().getAffineY().toByteArray()));
            return jwks;
        }

        /** audit-service's checkpoint over {@code line}: the canonical {hash, org_id, seq, signed_at}, ES256. */
        ObjectNode checkpoint(JsonNode line) {
            ObjectNode payload = JSON.createObjectNode().put("hash", line.get("hash").asText())
                    .put("org_id", line.get("org_id").asText()).put("seq", line.get("seq").asLong())
                    .put("signed_at", "2026-12-04T21:54:00.000000Z");
            String header = "{\"alg\":\"ES256\",\"kid\":\"" + kid + "\",\"typ\":\"" + AuditLogVerifier.CHECKPOINT_TYPE + "\"}";
            String input = B64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                    + B64.encodeToString(EventChain.canonicalJson(payload).getBytes(StandardCharsets.UTF_8));
            try {
                Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format");
                es256.initSign(pair.getPrivate());
                es256.update(input.getBytes(StandardCharsets.US_ASCII));
                return JSON.createObjectNode().put("seq", line.get("seq").asLong())
                        .put("jws", input + "." + B64.encodeToString(es256.sign()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private static String coordinate(byte[] bytes) {
            byte[] fixed = new byte[32];
            int copy = Math.min(bytes.length, 32);
            System.arraycopy(bytes, bytes.length - copy, fixed, 32 - copy, copy);
            return B64.encodeToString(fixed);
        }
    }
}
