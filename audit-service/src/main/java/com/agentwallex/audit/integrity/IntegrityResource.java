package com.agentwallex.audit.integrity;

import com.agentwallex.common.auth.AwxPrincipal;
import com.agentwallex.common.openapi.ApiConventions;
import com.agentwallex.common.openapi.ApiTags;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/v1/audit-logs/integrity}: checkpoints and links of the caller's organization's chain. */
@Path("/api/v1/audit-logs/integrity")
@RolesAllowed("audit:read")
@SecurityRequirement(name = ApiConventions.BEARER)
@SecurityRequirement(name = ApiConventions.API_KEY)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiTags.AUDIT_LOG)
public class IntegrityResource {

    static final String JWKS_PATH = "/api/v1/audit-logs/jwks";

    private final IntegrityService service;
    private final SecurityIdentity caller;

    IntegrityResource(IntegrityService service, SecurityIdentity caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @Blocking
    @Operation(operationId = "getAuditLogIntegrity", summary = "Signed checkpoints and hash links of the caller's organization's chain, for a seq range")
    @Parameter(name = "from_seq", in = ParameterIn.QUERY, description = "First seq, default 1",
            schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1"))
    @Parameter(name = "to_seq", in = ParameterIn.QUERY, description = "Last seq, default the head",
            schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1"))
    @Parameter(name = "links", in = ParameterIn.QUERY, description = "false: checkpoints only, for any range (at most 1,000, spread over it);"
            + " true (default): also each event's link, at most 10,000 per answer",
            schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "true"))
    @APIResponse(responseCode = "200", description = "The range's checkpoints and links",
            content = @Content(schema = @Schema(implementation = IntegrityAnswer.class)))
    @APIResponse(responseCode = "400", description = "An unknown, repeated or invalid parameter, or too many links (the problem names it)")
    @APIResponse(responseCode = "403", description = "An API key without audit:read")
    @APIResponse(responseCode = "503", description = "API keys cannot be checked right now")
    public IntegrityAnswer integrity(@Context UriInfo uri) {
        return service.answer(AwxPrincipal.of(caller).orgId(), uri.getQueryParameters());
    }
}
