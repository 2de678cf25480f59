package com.agentwallex.apikey.rotation;

import com.agentwallex.apikey.core.ApiKeyView;
import com.agentwallex.apikey.core.Caller;
import com.agentwallex.apikey.core.Callers;
import com.agentwallex.apikey.idempotency.IdempotentAnswers;
import com.agentwallex.common.openapi.ApiConventions;
import com.agentwallex.common.openapi.ApiTags;
import com.agentwallex.common.web.ClientContext;
import io.quarkus.security.Authenticated;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import java.net.URI;
import java.util.Collections;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/api-keys/{id}/rotate")
@Authenticated
@SecurityRequirement(name = ApiConventions.BEARER)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = ApiTags.API_KEYS)
public class RotationResource {

    /** The body is optional: without one the default grace applies. */
    @Schema(name = "RotateApiKeyRequest")
    record RotateRequest(Long gracePeriodSeconds) {
    }

    private final RotationService service;
    private final IdempotentAnswers idempotent;
    private final Callers callers;

    RotationResource(RotationService service, IdempotentAnswers idempotent, Callers callers) {
        this.service = service;
        this.idempotent = idempotent;
        this.callers = callers;
    }

    @POST
    @Operation(operationId = "rotateApiKey", summary = "Replace a key; the new full key is in this answer once, the old one works until the grace ends")
    @APIResponse(responseCode = "201", description = "The successor's metadata and, this once, its full key",
            content = @Content(schema = @Schema(implementation = ApiKeyView.class)))
    @APIResponse(responseCode = "400", description = "grace_period_seconds out of range")
    @APIResponse(responseCode = "403", description = "An API key cannot manage keys")
    @APIResponse(responseCode = "404", description = "No key of this organization has this id")
    @Parameter(name = "Idempotency-Key", in = ParameterIn.HEADER,
            description = "A retry with the same key within 24 h gets the first answer again, not a second rotation")
    @APIResponse(responseCode = "409", description = "Revoked, expired or already rotated, or the Idempotency-Key was used for a different request")
    public Response rotate(@PathParam("id") String id, @RequestBody(required = false) RotateRequest body, @HeaderParam("Idempotency-Key") String idempotencyKey,
                           @Context HttpServerRequest request) {
        Caller caller = callers.current();
        Long grace = body == null ? null : body.gracePeriodSeconds();
        return idempotent.once(caller, idempotencyKey, "POST /api/v1/api-keys/" + id + "/rotate",
                Collections.singletonMap("grace_period_seconds", grace), () -> {
                    ApiKeyView successor = service.rotate(caller, id, grace, ClientContext.of(request));
                    return new IdempotentAnswers.Created(URI.create("/api/v1/api-keys/" + successor.id()), successor);
                });
    }
}
