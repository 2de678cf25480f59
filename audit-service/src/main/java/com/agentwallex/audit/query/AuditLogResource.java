package com.agentwallex.audit.query;

import com.agentwallex.common.auth.AwxPrincipal;
import com.agentwallex.common.openapi.ApiConventions;
import com.agentwallex.common.openapi.ApiTags;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
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

/**
 * {@code GET /api/v1/audit-logs}, also at {@code /audit-logs} as the product page names it. Users
 * and API keys alike need {@code audit:read} (users' access tokens carry it).
 */
@Path("/")
@RolesAllowed("audit:read")
@SecurityRequirement(name = ApiConventions.BEARER)
@SecurityRequirement(name = ApiConventions.API_KEY)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiTags.AUDIT_LOG)
public class AuditLogResource {

    private final AuditLogService service;
    private final SecurityIdentity caller;

    AuditLogResource(AuditLogService service, SecurityIdentity caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @Path("api/v1/audit-logs")
    @Operation(operationId = "listAuditLogs", summary = "The caller's organization's authentication events, newest first")
    // AuditFilter's parameters, described once in META-INF/openapi.yaml for the list and the export (with name
    // and in, because SmallRye tells an operation's parameters apart by them)
    @Parameter(ref = "AuditFilterType", name = "type", in = ParameterIn.QUERY) @Parameter(ref = "AuditFilterActorId", name = "actor_id", in = ParameterIn.QUERY)
    @Parameter(ref = "AuditFilterOutcome", name = "outcome", in = ParameterIn.QUERY) @Parameter(ref = "AuditFilterIp", name = "ip", in = ParameterIn.QUERY)
    @Parameter(ref = "AuditFilterFrom", name = "from", in = ParameterIn.QUERY) @Parameter(ref = "AuditFilterTo", name = "to", in = ParameterIn.QUERY)
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "1 to 500, default 50",
            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "50"))
    @Parameter(name = "cursor", in = ParameterIn.QUERY, description = "The previous page's next_cursor",
            schema = @Schema(type = SchemaType.STRING))
    @Parameter(name = "after_seq", in = ParameterIn.QUERY, description = "Stored order instead: the events after this"
            + " seq, oldest stored first (0 for the start). A poller passes the last seq it received and sees every event"
            + " exactly once, also events that arrive late with an older time; not together with cursor",
            schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0"))
    @APIResponse(responseCode = "200", description = "A page, newest first",
            content = @Content(schema = @Schema(implementation = AuditLogPage.class)))
    @APIResponse(responseCode = "400", description = "An unknown, repeated or invalid parameter (the problem names it)")
    @APIResponse(responseCode = "403", description = "An API key without audit:read")
    @APIResponse(responseCode = "503", description = "API keys cannot be checked right now")
    public Uni<AuditLogPage> list(@Context UriInfo uri) {
        return page(uri);
    }

    /**
     * The same list under the product page's path. Hidden here because {@link AuditLogAliasDocument}
     * documents it as a copy of the operation above: one description that cannot drift.
     */
    @GET
    @Path("audit-logs")
    @Operation(hidden = true)
    public Uni<AuditLogPage> alias(@Context UriInfo uri) {
        return page(uri);
    }

    private Uni<AuditLogPage> page(UriInfo uri) {
        return service.page(AwxPrincipal.of(caller).orgId(), uri.getQueryParameters());
    }
}
