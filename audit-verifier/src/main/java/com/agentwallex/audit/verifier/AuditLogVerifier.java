package com.agentwallex.audit.verifier;

import static com.agentwallex.audit.verifier.VerificationReport.broken;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * Checks an NDJSON export offline, trusting nothing of ours at run time but the published keys:
 * every line's hash is recomputed from its own content and the hash before it ({@link EventChain}),
 * seqs must follow each other without a gap, and every signed checkpoint in range must match the
 * line at its seq; the newest checkpoint must not lie beyond the export's end. Names the first
 * broken link. The command line:
 * <pre>
 *   java -jar agentwallex-audit-verifier-VERSION-cli.jar audit-log.ndjson integrity.json jwks.json
 * </pre>
 * {@code integrity.json} is the answer of GET /api/v1/audit-logs/integrity (links=false is enough),
 * taken no later than the export (a checkpoint signed after the export vouches for events it cannot
 * hold), {@code jwks.json} that of GET /api/v1/audit-logs/jwks. Exit 0: intact; 1: broken; 2: unusable
 * input.
 */
public final class AuditLogVerifier {

    /** The JWS {@code typ} of a checkpoint: a signature over one organization's chain head. */
    public static final String CHECKPOINT_TYPE = "awx-audit-checkpoint+jws";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private AuditLogVerifier() {
    }

    /**
     * The {@code kid} a checkpoint key is published and matched under: its own, or its RFC 7638
     * thumbprint when it has none. The signing side names its keys with this, so the two cannot differ.
     */
    public static String keyId(JsonNode jwk) {
        return Jwk.kid(jwk);
    }

    /** {@code EXPORT.ndjson INTEGRITY.json JWKS.json}: prints the report; exit 0 intact, 1 broken, 2 unusable input. */
    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: java -jar agentwallex-audit-verifier-cli.jar EXPORT.ndjson INTEGRITY.json JWKS.json");
            System.exit(2);
        }
        VerificationReport report;
        try {
            report = verify(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]));
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("unusable input: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.out.println(report);
        System.exit(report.intact() ? 0 : 1);
    }

    /** The export, the integrity answer and the JWKS as the files the API's answers were saved to. */
    public static VerificationReport verify(Path export, Path integrity, Path jwks) throws IOException {
        try (BufferedReader lines = Files.newBufferedReader(export, StandardCharsets.UTF_8)) {
            return verify(lines, JSON.readTree(integrity.toFile()), JSON.readTree(jwks.toFile()));
        }
    }

    /** The export as read from {@code export}, the integrity answer and the JWKS as the API's JSON text. */
    public static VerificationReport verify(Reader export, String integrity, String jwks) throws IOException {
        return verify(export, JSON.readTree(integrity), JSON.readTree(jwks));
    }

    /**
     * The export read line by line from {@code export} (never held whole), against the integrity
     * answer and the JWKS.
     *
     * @throws IllegalArgumentException when a checkpoint is not one of the organization's signed by a
     *                                  published key: the documents, not the log, are unusable
     * @throws IOException              when the export cannot be read or a line is not JSON
     */
    public static VerificationReport verify(Reader export, JsonNode integrity, JsonNode jwks) throws IOException {
        BufferedReader lines = export instanceof BufferedReader b ? b : new BufferedReader(export);
        Map<String, PublicKey> keys = new HashMap<>();
        jwks.path("keys").forEach(k -> keys.put(Jwk.kid(k), Jwk.publicKey(k)));
        if (!integrity.path("org_id").isTextual()) {
            throw new IllegalArgumentException("the integrity document has no org_id: not an answer of GET /api/v1/audit-logs/integrity");
        }
        String orgId = integrity.path("org_id").asText();
        Map<Long, String> signed = new HashMap<>();
        long newestSigned = 0;
        for (JsonNode c : integrity.path("checkpoints")) {
            JsonNode payload = signedPayload(c, keys, orgId);
            signed.put(payload.get("seq").asLong(), payload.get("hash").asText());
        }
        if (integrity.hasNonNull("latest_checkpoint")) {
            JsonNode payload = signedPayload(integrity.get("latest_checkpoint"), keys, orgId);
            newestSigned = payload.get("seq").asLong();
            signed.put(newestSigned, payload.get("hash").asText());
        }

        long events = 0;
        long first = 0;
        long lastSeq = 0;
        byte[] lastHash = null;
        int matched = 0;
        String line;
        while ((line = lines.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode event = JSON.readTree(line);
            long seq = event.path("seq").asLong(-1);
            if (seq < 1 || !event.hasNonNull("hash") || !event.hasNonNull("prev_hash")) {
                return broken(events, first, lastSeq, matched, lastSeq + 1, "line " + (events + 1) + " has no chain fields");
            }
            if (!orgId.equals(event.path("org_id").asText())) {
                return broken(events, first, lastSeq, matched, seq, "belongs to another organization than the checkpoints");
            }
            byte[] prev = EventChain.unhex(event.get("prev_hash").asText());
            if (lastHash == null) {
                first = seq;
                if (seq == 1 && !Arrays.equals(prev, EventChain.genesis())) {
                    return broken(events, first, lastSeq, matched, seq, "the first event does not start from the genesis hash");
                }
                if (signed.containsKey(seq - 1) && !signed.get(seq - 1).equals(EventChain.hex(prev))) {
                    return broken(events, first, lastSeq, matched, seq, "does not link to the signed checkpoint at seq " + (seq - 1));
                }
            } else if (seq <= lastSeq) {
                return broken(events, first, lastSeq, matched, seq, "comes after seq " + lastSeq
                        + ": an event was inserted or two were reordered");
            } else if (seq > lastSeq + 1) {
                return broken(events, first, lastSeq, matched, lastSeq + 1, "missing: the export jumps from seq " + lastSeq
                        + " to " + seq + " (events removed)");
            } else if (!Arrays.equals(prev, lastHash)) {
                return broken(events, first, lastSeq, matched, seq, "does not link to seq " + lastSeq
                        + " (prev_hash differs: an event was inserted, removed or reordered)");
            }
            byte[] hash = EventChain.link(prev, event);
            if (!EventChain.hex(hash).equals(event.get("hash").asText())) {
                return broken(events, first, lastSeq, matched, seq, "its content does not match its hash (the event was changed)");
            }
            String checkpoint = signed.get(seq);
            if (checkpoint != null) {
                if (!checkpoint.equals(EventChain.hex(hash))) {
                    return broken(events, first, lastSeq, matched, seq, "differs from the signed checkpoint at this seq"
                            + " (the chain up to here was rewritten)");
                }
                matched++;
            }
            events++;
            lastSeq = seq;
            lastHash = hash;
        }
        if (newestSigned > lastSeq) {
            return broken(events, first, lastSeq, matched, lastSeq + 1, "missing: the export ends at seq " + lastSeq
                    + " but a signed checkpoint vouches for seq " + newestSigned + " (events removed at the end)");
        }
        return new VerificationReport(true, events, first, lastSeq, matched, null, null);
    }

    /** The payload of a checkpoint's JWS, once its ES256 signature verifies under a published key. */
    private static JsonNode signedPayload(JsonNode checkpoint, Map<String, PublicKey> keys, String orgId) throws IOException {
        String[] parts = checkpoint.path("jws").asText().split("\\.");
        if (parts.length != 3) {
            throw new IllegalArgumentException("checkpoint at seq " + checkpoint.path("seq") + " is not a compact JWS");
        }
        Base64.Decoder b64 = Base64.getUrlDecoder();
        JsonNode header = JSON.readTree(b64.decode(parts[0]));
        PublicKey key = keys.get(header.path("kid").asText());
        if (key == null || !"ES256".equals(header.path("alg").asText()) || !CHECKPOINT_TYPE.equals(header.path("typ").asText())) {
            throw new IllegalArgumentException("checkpoint at seq " + checkpoint.path("seq") + " is not signed by a published key");
        }
        try {
            Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format");
            es256.initVerify(key);
            es256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!es256.verify(b64.decode(parts[2]))) {
                throw new IllegalArgumentException("checkpoint at seq " + checkpoint.path("seq") + ": the signature does not verify");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("checkpoint at seq " + checkpoint.path("seq") + ": the signature does not verify", e);
        }
        JsonNode payload = JSON.readTree(b64.decode(parts[1]));
        if (!orgId.equals(payload.path("org_id").asText())) {
            throw new IllegalArgumentException("checkpoint at seq " + checkpoint.path("seq") + " is another organization's");
        }
        return payload;
    }
}
