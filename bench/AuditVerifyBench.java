import com.agentwallex.audit.verifier.AuditLogVerifier;
import com.agentwallex.audit.verifier.EventChain;
import com.agentwallex.audit.verifier.VerificationReport;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
                out.write(e.toString());
                out.write('\n');
            }
        }
        ObjectNode integrity = json.createObjectNode().put("org_id", org);
        integrity.putArray("checkpoints");
        ObjectNode jwks = json.createObjectNode();
        jwks.putArray("keys");
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
}
