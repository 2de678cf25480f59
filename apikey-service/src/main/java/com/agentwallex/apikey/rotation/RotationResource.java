package com.agentwallex.apikey.rotation;

import com.agentwallex.apikey.core.ApiKeyView;
import com.agentwallex.apikey.core.Caller;
import com.agentwallex.common.web.CacheControls;
import com.agentwallex.common.web.ClientContext;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/api/v1/api-keys/{id}/rotate")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RotationResource {

    /** The body is optional: without one the default grace applies. */
    record RotateRequest(Long gracePeriodSeconds) {
    }

    private final RotationService service;
    private final SecurityIdentity identity;

    RotationResource(RotationService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @POST
    @Operation(summary = "Replace a key; the new full key is in this answer once, the old one works until the grace ends")
    public Response rotate(@PathParam("id") String id, RotateRequest body, @Context HttpServerRequest request) {
        ApiKeyView successor = service.rotate(Caller.of(identity), id, body == null ? null : body.gracePeriodSeconds(),
                ClientContext.of(request));
        return Response.created(URI.create("/api/v1/api-keys/" + successor.id())).entity(successor)
                .cacheControl(CacheControls.noStore()).build();
    }
}
