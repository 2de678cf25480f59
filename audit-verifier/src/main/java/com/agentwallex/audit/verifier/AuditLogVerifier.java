package com.agentwallex.audit.verifier;

import static com.agentwallex.audit.verifier.VerificationReport.broken;

import com.fasterxml.jackson.core.StreamReadFeature;
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
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Checks an NDJSON export offline, trusting nothing of ours at run time but the published keys:
 * every line's hash is recomputed from its own content and the hash before it ({@link EventChain}),
 * a line holds nothing the hash does not cover, seqs must follow each other without a gap, every
 * signed checkpoint in range must match the line at its seq, no checkpoint may lie beyond the export's
 * end, and at least one must match: a chain that links up proves nothing by itself, since anyone can
 * compute one. Names the first broken link. The command line:
 * <pre>
 *   java -jar agentwallex-audit-verifier-VERSION-cli.jar [--org ORG_ID] audit-log.ndjson integrity.json jwks.json
 * </pre>
 * {@code integrity.json} is the answer of GET /api/v1/audit-logs/integrity (links=false is enough),
 * taken no later than the export (a checkpoint signed after the export vouches for events it cannot
 * hold), {@code jwks.json} that of GET /api/v1/audit-logs/jwks; {@code --org} refuses the documents
 * of any other organization. Exit 0: intact; 1: broken; 2: unusable input; 3: no signed checkpoint
 * covers the export yet (audit-service signs every minute).
 */
public final class AuditLogVerifier {

    /** The JWS {@code typ} of a checkpoint: a signature over one organization's chain head. */
    public static final String CHECKPOINT_TYPE = "awx-audit-checkpoint+jws";

    // A line that reads differently to another parser (a repeated member, text after the object) is refused.
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final String CHAIN_TIME = "9999-99-99T99:99:99.999999Z";
    private static final Set<String> LINE_MEMBERS = Stream.concat(EventChain.MEMBERS.stream(), Stream.of("prev_hash", "hash"))
            .collect(Collectors.toUnmodifiableSet());

    private AuditLogVerifier() {
    }

    /**
     * The {@code kid} a checkpoint key is published and matched under: its own, or its RFC 7638
     * thumbprint when it has none. The signing side names its keys with this, so the two cannot differ.
     */
    public static String keyId(JsonNode jwk) {
        return Jwk.kid(jwk);
    }

    /**
     * {@code [--org ORG_ID] EXPORT.ndjson INTEGRITY.json JWKS.json}: prints the report; exit 0 intact,
     * 1 broken, 2 unusable input, 3 not yet covered by a signed checkpoint.
     */
    public static void main(String[] args) {
        boolean org = args.length == 5 && args[0].equals("--org");
        if (args.length != 3 && !org) {
            System.err.println("usage: java -jar agentwallex-audit-verifier-cli.jar [--org ORG_ID] EXPORT.ndjson INTEGRITY.json JWKS.json");
            System.exit(2);
        }
        int files = org ? 2 : 0;
        VerificationReport report;
        try {
            report = verify(Path.of(args[files]), Path.of(args[files + 1]), Path.of(args[files + 2]));
            if (org && !report.orgId().equals(args[1])) {
                throw new IllegalArgumentException("the documents are organization " + report.orgId() + "'s, not " + args[1] + "'s");
            }
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("unusable input: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.out.println(report);
        System.exit(report.intact() ? 0 : report.unvouched() ? 3 : 1);
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
        for (JsonNode k : jwks.path("keys")) {
            if (keys.put(Jwk.kid(k), Jwk.publicKey(k)) != null) {
                throw new IllegalArgumentException("the JWKS names two keys " + Jwk.kid(k) + ": which one signed is ambiguous");
            }
        }
        if (!integrity.path("org_id").isTextual()) {
            throw new IllegalArgumentException("the integrity document has no org_id: not an answer of GET /api/v1/audit-logs/integrity");
        }
        String orgId = integrity.path("org_id").asText();
        Map<Long, String> signed = new HashMap<>();
        List<JsonNode> checkpoints = new ArrayList<>();
        integrity.path("checkpoints").forEach(checkpoints::add);
        if (integrity.hasNonNull("latest_checkpoint")) {
            checkpoints.add(integrity.get("latest_checkpoint"));
        }
        for (JsonNode c : checkpoints) {
            JsonNode payload = signedPayload(c, keys, orgId);
            signed.put(payload.get("seq").asLong(), payload.get("hash").asText());
        }
        long newestSigned = signed.keySet().stream().mapToLong(Long::longValue).max().orElse(0);

        long events = 0;
        long first = 0;
        long lastSeq = 0;
        byte[] lastHash = null;
        int matched = 0;
        long signedTo = 0;
        String line;
        while ((line = lines.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode event = JSON.readTree(line);
            long seq = event.path("seq").asLong(-1);
            if (seq < 1 || !event.hasNonNull("hash") || !event.hasNonNull("prev_hash")) {
                return broken(orgId, events, first, lastSeq, matched, signedTo, lastSeq + 1, "line " + (events + 1) + " has no chain fields");
            }
            String uncovered = uncovered(event);
            if (uncovered != null) {
                return broken(orgId, events, first, lastSeq, matched, signedTo, seq, uncovered);
            }
            if (!orgId.equals(event.path("org_id").asText())) {
                return broken(orgId, events, first, lastSeq, matched, signedTo, seq, "belongs to another organization than the checkpoints");
            }
            if (!isSha256Hex(event.get("prev_hash")) || !isSha256Hex(event.get("hash"))) {
                return broken(orgId, events, first, lastSeq, matched, signedTo, seq, "its prev_hash or hash is not a SHA-256 hash in hex");
            }
            byte[] prev = EventChain.unhex(event.get("prev_hash").asText());
            if (lastHash == null) {
                first = seq;
                if (seq == 1 && !Arrays.equals(prev, EventChain.genesis())) {
                    return broken(orgId, events, first, lastSeq, matched, signedTo, seq, "the first event does not start from the genesis hash");
                }
                if (signed.containsKey(seq - 1) && !signed.get(seq - 1).equals(EventChain.hex(prev))) {
                    return broken(orgId, events, first, lastSeq, matched, signedTo, seq, "does not link to the signed checkpoint at seq " + (seq - 1));
                }
            } else if (seq <= lastSeq) {
                return broken(orgId, events, first, lastSeq, matched, signedTo, seq, "comes after seq " + lastSeq
                        + ": an event was inserted or two were reordered");
            } else if (seq > lastSeq + 1) {
                return broken(orgId, events, first, lastSeq, matched, signedTo, lastSeq + 1, "missing: the export jumps from seq " + lastSeq
                        + " to " + seq + " (events removed)");
            } else if (!Arrays.equals(prev, lastHash)) {
                return broken(orgId, events, first, lastSeq, matched, signedTo, seq, "does not link to seq " + lastSeq
                        + " (prev_hash differs: an event was inserted, removed or reordered)");
            }
            byte[] hash;
            try {
                hash = EventChain.link(prev, event);
            } catch (DateTimeParseException e) {
                return broken(orgId, events, first, lastSeq, matched, signedTo, seq, "its time is not a real UTC date and time");
            }
            if (!EventChain.hex(hash).equals(event.get("hash").asText())) {
                return broken(orgId, events, first, lastSeq, matched, signedTo, seq, "its content does not match its hash (the event was changed)");
            }
            String checkpoint = signed.get(seq);
            if (checkpoint != null) {
                if (!checkpoint.equals(EventChain.hex(hash))) {
                    return broken(orgId, events, first, lastSeq, matched, signedTo, seq, "differs from the signed checkpoint at this seq"
                            + " (the chain up to here was rewritten)");
                }
                matched++;
                signedTo = seq;
            }
            events++;
            lastSeq = seq;
            lastHash = hash;
        }
        if (newestSigned > lastSeq) {
            return broken(orgId, events, first, lastSeq, matched, signedTo, lastSeq + 1, "missing: the export ends at seq " + lastSeq
                    + " but a signed checkpoint vouches for seq " + newestSigned + " (events removed at the end; if the integrity"
                    + " answer was taken after the export, which cannot hold what came later, take it first and export again)");
        }
        if (events > 0 && matched == 0) {
            return new VerificationReport(false, orgId, events, first, lastSeq, 0, 0, null, "the links are whole, but no"
                    + " signed checkpoint covers any of these events, and anyone can compute such a chain; after the"
                    + " next checkpoint (every minute) take a new integrity answer, then a new export, and verify those"
                    + " (this export with a later answer misses the events chained since, its own audit.exported among them)");
        }
        return new VerificationReport(true, orgId, events, first, lastSeq, matched, signedTo, null, null);
    }

    /** 64 lowercase hex digits, as the chain writes a SHA-256 (any other spelling of it is another line). */
    private static boolean isSha256Hex(JsonNode value) {
        String text = value.isTextual() ? value.asText() : "";
        if (text.length() != 64) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }

    /** Why a line holds something its hash does not cover, or null: such a line could be altered unseen. */
    private static String uncovered(JsonNode event) {
        for (var names = event.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!LINE_MEMBERS.contains(name)) {
                return "carries a member its hash does not cover: " + name;
            }
        }
        JsonNode time = event.get("time");
        if (time != null && !time.isNull() && !(time.isTextual() && inChainForm(time.asText()))) {
            return "its time is not written as the chain writes it (yyyy-MM-ddTHH:mm:ss.ffffffZ): other digits would hash the same";
        }
        return null;
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ss.ffffffZ} by its characters alone: the chain hashes the time reformatted
     * that way, so any other writing of the same instant would verify too. (Whether it is a real date,
     * the hash's own parse says; a full parse here as well cost a sixth of the verify's time.)
     */
    private static boolean inChainForm(String time) {
        if (time.length() != CHAIN_TIME.length()) {
            return false;
        }
        for (int i = 0; i < time.length(); i++) {
            char shape = CHAIN_TIME.charAt(i);
            char c = time.charAt(i);
            if (shape == '9' ? c < '0' || c > '9' : c != shape) {
                return false;
            }
        }
        return true;
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
        if (!payload.path("seq").canConvertToLong() || !payload.path("hash").isTextual()) {
            throw new IllegalArgumentException("checkpoint at seq " + checkpoint.path("seq") + " signs no seq and hash");
        }
        if (!orgId.equals(payload.path("org_id").asText())) {
            throw new IllegalArgumentException("checkpoint at seq " + checkpoint.path("seq") + " is another organization's");
        }
        return payload;
    }
}
