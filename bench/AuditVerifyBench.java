import com.agentwallex.audit.verifier.AuditLogVerifier;
import com.agentwallex.audit.verifier.EventChain;
import com.agentwallex.audit.verifier.VerificationReport;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * The offline verifier's rate (issue 21: 1M exported events in ≤ 10 s). Writes an NDJSON export of
 * N chained events shaped like the service's (every optional field filled), then times
 * AuditLogVerifier (module audit-verifier, what the SDK and the command line run) over it, as a tenant runs it: one JVM, the file from disk, twice (the second run
 * is the figure; the first pays for class loading and the JIT).
 *
 *   java -cp audit-verifier/target/agentwallex-audit-verifier-0.1.0-SNAPSHOT-cli.jar bench/AuditVerifyBench.java [N]
 */
public class AuditVerifyBench {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        String org = "org_bench";
        Path export = Files.createTempFile("audit-export", ".ndjson");
        ObjectMapper json = new ObjectMapper();
        byte[] previous = EventChain.genesis();
        // audit-service signs each moved head every minute: here a checkpoint every 10,000 events and at the end
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair key = generator.generateKeyPair();
        List<ObjectNode> signed = new ArrayList<>();
        Instant start = Instant.now().truncatedTo(ChronoUnit.MICROS);
        try (BufferedWriter out = Files.newBufferedWriter(export, StandardCharsets.UTF_8)) {
            for (int i = 1; i <= n; i++) {
                ObjectNode e = json.createObjectNode();
                e.put("id", UUID.randomUUID().toString()).put("type", "auth.token.refreshed")
                        .put("time", EventChain.time(start.plusMillis(i))).put("source", "auth-service")
                        .put("subject", "usr_" + (i % 500)).put("org_id", org);
                e.putObject("actor").put("type", "user").put("id", "usr_" + (i % 500));
                e.put("outcome", "success").put("client_ip", "203.0.113." + (i % 250))
                        .put("user_agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36")
                        .put("request_id", "req_" + Long.toHexString(i * 7919L));
                e.putObject("details").put("method", "password").put("mfa", "totp");
                e.put("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01").put("seq", (long) i);
                byte[] hash = EventChain.link(previous, e);
                e.put("prev_hash", EventChain.hex(previous)).put("hash", EventChain.hex(hash));
                previous = hash;
                if (i % 10_000 == 0 || i == n) {
                    signed.add(checkpoint(json, key, e));
                }
                out.write(e.toString());
                out.write('\n');
            }
        }
        ObjectNode integrity = json.createObjectNode().put("org_id", org);
        ArrayNode checkpoints = integrity.putArray("checkpoints");
        signed.forEach(checkpoints::add);
        integrity.set("latest_checkpoint", signed.get(signed.size() - 1));
        ObjectNode jwks = jwks(json, key);
        System.out.printf("export: %d events, %d MB%n", n, Files.size(export) >> 20);
        for (int run = 1; run <= 2; run++) {
            long t0 = System.nanoTime();
            VerificationReport report;
            try (BufferedReader in = Files.newBufferedReader(export, StandardCharsets.UTF_8)) {
                report = AuditLogVerifier.verify(in, integrity, jwks);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("run %d: %s in %.2f s (%.0f events/s)%n", run, report, seconds, n / seconds);
        }
        Files.delete(export);
    }

    /** A checkpoint as audit-service signs one: ES256 over the canonical {hash, org_id, seq, signed_at}. */
    private static ObjectNode checkpoint(ObjectMapper json, KeyPair key, ObjectNode line) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        ObjectNode payload = json.createObjectNode().put("hash", line.get("hash").asText()).put("org_id", line.get("org_id").asText())
                .put("seq", line.get("seq").asLong()).put("signed_at", line.get("time").asText());
        String signingInput = b64.encodeToString(("{\"alg\":\"ES256\",\"kid\":\"bench\",\"typ\":\""
                + AuditLogVerifier.CHECKPOINT_TYPE + "\"}").getBytes(StandardCharsets.UTF_8))
                + "." + b64.encodeToString(EventChain.canonicalJson(payload).getBytes(StandardCharsets.UTF_8));
        Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format");
        es256.initSign(key.getPrivate());
        es256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return json.createObjectNode().put("seq", line.get("seq").asLong())
                .put("jws", signingInput + "." + b64.encodeToString(es256.sign()));
    }

    /** The public key as the JWKS audit-service publishes: kid "bench", P-256 coordinates of 32 bytes. */
    private static ObjectNode jwks(ObjectMapper json, KeyPair key) {
        ECPublicKey pub = (ECPublicKey) key.getPublic();
        ObjectNode jwks = json.createObjectNode();
        jwks.putArray("keys").addObject().put("kty", "EC").put("crv", "P-256").put("kid", "bench")
                .put("x", fixed32(pub.getW().getAffineX())).put("y", fixed32(pub.getW().getAffineY()));
        return jwks;
    }

    private static String fixed32(BigInteger coordinate) {
        byte[] raw = coordinate.toByteArray();
        byte[] fixed = new byte[32];
        int length = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - length, fixed, 32 - length, length);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(fixed);
    }
}
