package com.agentwallex.sdk;

import com.agentwallex.audit.verifier.AuditLogVerifier;
import com.agentwallex.audit.verifier.VerificationReport;
import com.fasterxml.jackson.databind.JavaType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/audit-logs}: the caller's organization's audit log, newest first. An API key
 * needs the {@code audit:read} scope.
 */
public final class AuditLogs {

    private static final JavaType PAGE = Json.type(EventPage.class);

    record EventPage(List<AuditEvent> data, Boolean hasMore, String nextCursor) {
    }

    private final Transport transport;
    private final Credential credential;

    AuditLogs(Transport transport, Credential credential) {
        this.transport = transport;
        this.credential = credential;
    }

    /**
     * The whole log that matches, in stored order, written to {@code out} as NDJSON (one event a
     * line, with its {@code seq}, {@code prev_hash} and {@code hash}) as it streams from
     * {@code GET /api/v1/audit-logs/export}: keep it, and verify it offline against the signed
     * checkpoints. Never held in memory. Exports are audited and limited per organization.
     */
    public void export(AuditLogQuery query, OutputStream out) {
        transport.download(Transport.Call.get("/api/v1/audit-logs/export", query.exportParameters()), credential,
                "application/x-ndjson", out);
    }

    /**
     * Exports the whole log into {@code file} and checks it against the organization's signed
     * checkpoints with {@link AuditLogVerifier}, the offline verifier: every link recomputed, seqs
     * without a gap, every checkpoint in range matched, nothing missing before the newest one. The
     * checkpoints and the keys are fetched first, so a checkpoint signed while the export streams
     * cannot vouch for events the file does not hold yet. Keep the three documents together to
     * check again later without us: {@link #integrity()}, {@link #checkpointKeys()}.
     *
     * @return intact, or the first broken link's seq and what is wrong there
     * @throws IllegalArgumentException when a checkpoint does not verify under the published keys
     */
    public VerificationReport exportAndVerify(Path file) {
        String integrity = integrity();
        return exportThenVerify(file, integrity, checkpointKeys());
    }

    /**
     * The same against keys you keep yourself ({@link #checkpointKeys()} as you saved it earlier, or as
     * published elsewhere): the keys then do not come over the same connection as the log, so whoever
     * could change the answers could not also add a key of their own.
     *
     * @param trustedKeys a JWKS (JSON text) of the keys that may sign checkpoints
     */
    public VerificationReport exportAndVerify(Path file, String trustedKeys) {
        return exportThenVerify(file, integrity(), trustedKeys);
    }

    private VerificationReport exportThenVerify(Path file, String integrity, String keys) {
        try {
            try (OutputStream out = Files.newOutputStream(file)) {
                export(AuditLogQuery.all(), out);
            }
            try (var lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                return AuditLogVerifier.verify(lines, integrity, keys);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write or read " + file, e);
        }
    }

    /**
     * {@code GET /api/v1/audit-logs/integrity?links=false} as the API's JSON text: the signed
     * checkpoints of the whole chain and the newest one. Fetch it before (or with) an export to
     * verify that export later, offline, with {@link AuditLogVerifier}.
     */
    public String integrity() {
        return text(Transport.Call.get("/api/v1/audit-logs/integrity", Transport.query("links", "false")), credential,
                "application/json");
    }

    /** {@code GET /api/v1/audit-logs/jwks} as the API's JSON text: the public keys that sign checkpoints. */
    public String checkpointKeys() {
        return text(Transport.Call.get("/api/v1/audit-logs/jwks", Map.of()), Credential.NONE, "application/jwk-set+json");
    }

    private String text(Transport.Call call, Credential as, String accept) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        transport.download(call, as, accept, body);
        return body.toString(StandardCharsets.UTF_8);
    }

    /** Every event, newest first, fetched a page at a time as you iterate. */
    public Paginated<AuditEvent> list() {
        return list(AuditLogQuery.all());
    }

    /**
     * The events that match, newest first (in stored order with {@link AuditLogQuery#afterSeq}),
     * fetched a page at a time as you iterate.
     */
    public Paginated<AuditEvent> list(AuditLogQuery query) {
        return new Paginated<>(cursor -> {
            EventPage page = transport.send(Transport.Call.get("/api/v1/audit-logs", query.parameters(cursor)),
                    credential, PAGE);
            boolean more = Boolean.TRUE.equals(page.hasMore());
            String next;
            if (query.afterSeq() == null) {
                next = more ? page.nextCursor() : null;
            } else {  // the stored-order feed has no cursor: it goes on after the last seq received
                next = more && !page.data().isEmpty() ? String.valueOf(page.data().get(page.data().size() - 1).seq()) : null;
            }
            return new Paginated.Page<>(page.data(), next);
        });
    }
}
