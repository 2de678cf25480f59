package com.agentwallex.apikey.verification;

import com.agentwallex.common.web.Parameters;
import com.agentwallex.common.web.ServiceCredentials;
import com.agentwallex.contract.problem.InvalidParameterException;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code POST /internal/v1/api-keys/usage}: uses that services answered from their own cache of
 * verify answers, reported in batches, so that {@code api_key.used} and a key's usage count every
 * use exactly without a call per request. Same service credential as verify; never routed by the
 * ingress.
 */
@Path("/internal/v1/api-keys/usage")
@PermitAll
public class UsageReportResource {

    static final int MAX_USES = 10_000;
    /** Uses of one key from one address in one report: far above any flush interval's, far below a bigint's sum. */
    static final long MAX_COUNT = 1_000_000_000L;

    /** {@code count} uses of a key from {@code client_ip}, the last at {@code last_used_at}. */
    record Use(String keyId, String orgId, String clientIp, Long count, String lastUsedAt) {
    }

    record Report(List<Use> uses) {
    }

    private final UsageRecorder recorder;
    private final ServiceCredentials credentials;

    UsageReportResource(UsageRecorder recorder, ServiceCredentials credentials) {
        this.recorder = recorder;
        this.credentials = credentials;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public void report(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, Report report) {
        credentials.require(authorization, "usage reports");
        if (report == null || report.uses() == null || report.uses().size() > MAX_USES) {
            throw new InvalidParameterException("uses", "uses must list at most " + MAX_USES + " uses");
        }
        Instant latest = Instant.now().plus(Duration.ofMinutes(1));
        for (Use use : report.uses()) {
            if (use == null || use.keyId() == null || use.orgId() == null || use.count() == null || use.count() < 1
                    || use.count() > MAX_COUNT) {
                throw new InvalidParameterException("uses", "each use needs key_id, org_id and a count from 1 to " + MAX_COUNT);
            }
            // Stored later, in batches with other keys' uses: a value PostgreSQL refuses would fail them all, again and again.
            if (!storable(use.keyId(), 256) || !storable(use.orgId(), 256) || use.clientIp() != null && !storable(use.clientIp(), 64)) {
                throw new InvalidParameterException("uses", "key_id, org_id and client_ip must be short and hold no NUL");
            }
            Instant at = lastUsedAt(use.lastUsedAt());
            if (at.isAfter(latest)) {
                throw new InvalidParameterException("uses", "last_used_at must not be in the future");
            }
        }
        for (Use use : report.uses()) {
            recorder.used(use.keyId(), use.orgId(), use.clientIp(), lastUsedAt(use.lastUsedAt()), use.count());
        }
    }

    private static boolean storable(String value, int maxLength) {
        return value.length() <= maxLength && value.indexOf('\u0000') < 0;
    }

    private static Instant lastUsedAt(String value) {
        if (value == null) {
            throw new InvalidParameterException("uses", "last_used_at is required");
        }
        return Parameters.timestamp("uses", value);
    }
}
