package com.agentwallex.bench.baseline;

import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;

/**
 * {@code POST /baseline/verify}: verify's request and answer shapes with none of its work, so that
 * bench/apikey-verify can state verify's rate as a share of what Quarkus itself manages on the same
 * machine in the same run. It stays on the event loop, as verify's cached path does, so the ratio
 * compares the work and not a hop to a worker thread.
 */
@Path("/baseline/verify")
public class BaselineResource {

    /** Read in full, as verify reads it, so parsing costs the same on both sides. */
    public record Request(String key, String clientIp, List<String> requiredScopes) {
    }

    /** verify's answer for a valid key, member for member, so both sides encode as much JSON. */
    public record Answer(boolean valid, String code, String keyId, String orgId, String environment,
                         List<String> scopes, Instant expiresAt, Instant rotationDueAt, String status) {
    }

    private static final Answer VALID = new Answer(true, "VALID", "key_00000000000000000000000000000000",
            "org_bench", "sandbox", List.of("agents:read"), null, Instant.parse("2027-01-01T00:00:00Z"), "active");

    @POST
    @NonBlocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Answer verify(Request body) {
        return VALID;
    }
}
