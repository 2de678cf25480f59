package com.agentwallex.apikey.ratelimit;

import com.agentwallex.common.web.ServiceCredentials;
import com.agentwallex.common.ratelimit.RateLimitPolicy;
import com.agentwallex.contract.problem.InvalidParameterException;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;

/**
 * {@code POST /internal/v1/api-keys/rate-limit-leases}: for AgentWallex services only, with the
 * same service credential as verify (never routed by the ingress). Called once per batch of a
 * limited key's requests, not per request.
 */
@Path("/internal/v1/api-keys/rate-limit-leases")
@PermitAll
public class RateLimitLeaseResource {

    /** A batch is at most this many requests; replicas ask for a twentieth of the limit, up to that. */
    static final long MAX_BATCH = 10_000;

    private final RateLimitLeaseService service;
    private final ServiceCredentials credentials;

    RateLimitLeaseResource(RateLimitLeaseService service, ServiceCredentials credentials) {
        this.service = service;
        this.credentials = credentials;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public LeaseAnswer lease(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, LeaseRequest request) {
        credentials.require(authorization, "rate-limit leases");
        return service.lease(checked(request));
    }

    private static LeaseRequest checked(LeaseRequest request) {
        if (request == null || request.keyId() == null || request.keyId().isBlank()) {
            throw new InvalidParameterException("key_id", "key_id is required");
        }
        if (request.windowSeconds() < 1 || request.windowSeconds() > RateLimitPolicy.MAX_WINDOW_SECONDS) {
            throw new InvalidParameterException("window_seconds", "window_seconds must be between 1 and "
                    + RateLimitPolicy.MAX_WINDOW_SECONDS);
        }
        // the window now, give or take a minute of the caller's clock: a window long over leases nothing
        long now = Instant.now().getEpochSecond();
        if (Math.floorMod(request.windowStart(), request.windowSeconds()) != 0
                || request.windowStart() > now + 60 || request.windowStart() < now - request.windowSeconds() - 60) {
            throw new InvalidParameterException("window_start", "window_start must be the epoch second a current window"
                    + " of window_seconds starts at");
        }
        if (request.requested() < 0 || request.requested() > MAX_BATCH) {
            throw new InvalidParameterException("requested", "requested must be between 0 and " + MAX_BATCH);
        }
        if (request.returned() < 0 || request.returned() > RateLimitPolicy.MAX_LIMIT) {
            throw new InvalidParameterException("returned", "returned must not be negative");
        }
        return request;
    }
}
