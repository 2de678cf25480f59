package com.agentwallex.apikey.verification;

import com.agentwallex.common.web.ApiException;
import com.agentwallex.common.web.InvalidParameterException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code POST /internal/v1/api-keys/verify}: for AgentWallex services only (never routed by the
 * ingress, and a service credential besides). Runs on the event loop; only a cache miss leaves it.
 */
@Path("/internal/v1/api-keys/verify")
public class VerifyResource {

    private final VerificationService service;
    private final ServiceCredentials credentials;

    VerifyResource(VerificationService service, ServiceCredentials credentials) {
        this.service = service;
        this.credentials = credentials;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Judge a presented API key: 200 with valid and a code, whatever the verdict")
    public Uni<VerifyResponse> verify(VerifyRequest body, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                      @Context HttpServerRequest request) {
        if (!credentials.accepts(authorization)) {
            throw new ApiException(401, "unauthenticated", "Unauthenticated",
                    "verify needs a service credential as a Bearer token.");
        }
        if (body == null) {
            throw new InvalidParameterException("body", "a JSON body with key and client_ip is required");
        }
        String caller = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        return service.verify(body, caller);
    }
}
