package com.agentwallex.audit.verifier;

/**
 * What {@link AuditLogVerifier} found: the export intact and vouched for by signed checkpoints, or the
 * first seq where the log stops being what was signed and why, or a chain that links up but that no
 * signed checkpoint covers (anyone can compute such a chain, so it proves nothing yet).
 *
 * @param intact      every link recomputed, every checkpoint in range matched, nothing missing at the
 *                    end, and (unless the export is empty) at least one signed checkpoint matched
 * @param orgId       the organization whose checkpoints were checked
 * @param events      the events checked (up to the break)
 * @param firstSeq    the export's first seq (0 when it is empty); its {@code prev_hash} is taken as given
 * @param lastSeq     the last seq checked intact
 * @param checkpoints the signed checkpoints matched
 * @param signedTo    the highest seq a matched checkpoint vouches for (0: none); later events link up
 *                    but are vouched for only by the next checkpoint
 * @param brokenAt    the first broken link's seq, null when no link is broken
 * @param problem     what is wrong, null when intact
 */
public record VerificationReport(boolean intact, String orgId, long events, long firstSeq, long lastSeq,
                                 int checkpoints, long signedTo, Long brokenAt, String problem) {

    static VerificationReport broken(String orgId, long events, long firstSeq, long lastSeq, int checkpoints,
                                     long signedTo, long at, String problem) {
        return new VerificationReport(false, orgId, events, firstSeq, lastSeq, checkpoints, signedTo, at, problem);
    }

    /** The links are whole but no signed checkpoint covers any of them. */
    public boolean unvouched() {
        return !intact && brokenAt == null;
    }

    /**
     * {@code INTACT: …}, {@code BROKEN at seq N: …} or {@code UNVOUCHED: …}, as the command line
     * prints it.
     */
    @Override
    public String toString() {
        String range = orgId + ", " + events + " events, seq " + firstSeq + ".." + lastSeq;
        if (intact) {
            return "INTACT: " + range + ", " + checkpoints + " signed checkpoints matched"
                    + (events == 0 ? "" : ", signed up to seq " + signedTo);
        }
        return brokenAt != null ? "BROKEN at seq " + brokenAt + ": " + problem : "UNVOUCHED: " + range + ": " + problem;
    }
}
