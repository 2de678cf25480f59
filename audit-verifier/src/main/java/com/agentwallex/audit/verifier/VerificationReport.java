package com.agentwallex.audit.verifier;

/**
 * What {@link AuditLogVerifier} found: the export intact, or the first seq where the log stops being
 * what was signed, and why.
 *
 * @param intact      every link recomputed, every checkpoint in range matched, nothing missing at the end
 * @param events      the events checked (up to the break)
 * @param firstSeq    the export's first seq (0 when it is empty)
 * @param lastSeq     the last seq checked intact
 * @param checkpoints the signed checkpoints matched
 * @param brokenAt    the first broken link's seq, null when intact
 * @param problem     what is wrong there, null when intact
 */
public record VerificationReport(boolean intact, long events, long firstSeq, long lastSeq, int checkpoints,
                                 Long brokenAt, String problem) {

    static VerificationReport broken(long events, long firstSeq, long lastSeq, int checkpoints, long at, String problem) {
        return new VerificationReport(false, events, firstSeq, lastSeq, checkpoints, at, problem);
    }

    /** {@code INTACT: …} or {@code BROKEN at seq N: …}, as the command line prints it. */
    @Override
    public String toString() {
        return intact
                ? "INTACT: " + events + " events, seq " + firstSeq + ".." + lastSeq + ", " + checkpoints + " signed checkpoints matched"
                : "BROKEN at seq " + brokenAt + ": " + problem;
    }
}
