package com.agentwallex.apikey.usage;

import com.agentwallex.apikey.core.Callers;
import com.agentwallex.common.openapi.ApiConventions;
import com.agentwallex.common.openapi.ApiTags;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/v1/api-keys/{id}/usage}: how much, how and from where a key is used (issue 20). */
@Path("/api/v1/api-keys/{id}/usage")
@Authenticated
@SecurityRequirement(name = ApiConventions.BEARER)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiTags.API_KEYS)
public class KeyUsageResource {

    private final KeyUsageService service;
    private final Callers callers;

    KeyUsageResource(KeyUsageService service, Callers callers) {
        this.service = service;
        this.callers = callers;
    }

    @GET
    @Operation(operationId = "getApiKeyUsage", summary = "A key's uses per day and outcome for 90 days, and the addresses using it (since its rotation, for a rotated key)")
    @APIResponse(responseCode = "200", description = "The key's usage; uses reach it within a minute")
    @APIResponse(responseCode = "403", description = "An API key cannot manage keys")
    @APIResponse(responseCode = "404", description = "No key of this organization has this id")
    public KeyUsageView usage(@PathParam("id") String id) {
        return service.usage(callers.current(), id);
    }
}
