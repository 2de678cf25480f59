package com.agentwallex.audit.export;

import com.agentwallex.audit.query.AuditFilter;
import com.agentwallex.common.auth.AwxPrincipal;
import com.agentwallex.common.openapi.ApiConventions;
import com.agentwallex.common.openapi.ApiTags;
import com.agentwallex.common.web.CacheControls;
import com.agentwallex.common.web.ClientContext;
import com.agentwallex.contract.problem.InvalidParameterException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Set;
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
 * {@code GET /api/v1/audit-logs/export}: the organization's chained log in stored order, streamed
 * a page at a time, with the filters of the list. Each export is audited ({@code audit.exported})
 * before its first byte and counted against the organization's limit.
 */
@Path("/api/v1/audit-logs/export")
@RolesAllowed("audit:read")
@SecurityRequirement(name = ApiConventions.BEARER)
@SecurityRequirement(name = ApiConventions.API_KEY)
@Tag(name = ApiTags.AUDIT_LOG)
public class AuditExportResource {

    private final AuditExportService service;
    private final SecurityIdentity caller;

    AuditExportResource(AuditExportService service, SecurityIdentity caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @Blocking
    @Operation(operationId = "exportAuditLogs", summary = "Export the caller's organization's log in stored order, with its chain fields")
    @Parameter(name = "format", in = ParameterIn.QUERY, description = "ndjson (default) or csv; without it, an Accept of"
            + " text/csv or application/x-ndjson decides", schema = @Schema(type = SchemaType.STRING, enumeration = {"ndjson", "csv"}))
    // AuditFilter's parameters, described once in META-INF/openapi.yaml for the list and the export (with name
    // and in, because SmallRye tells an operation's parameters apart by them)
    @Parameter(ref = "AuditFilterType", name = "type", in = ParameterIn.QUERY) @Parameter(ref = "AuditFilterActorId", name = "actor_id", in = ParameterIn.QUERY)
    @Parameter(ref = "AuditFilterOutcome", name = "outcome", in = ParameterIn.QUERY) @Parameter(ref = "AuditFilterIp", name = "ip", in = ParameterIn.QUERY)
    @Parameter(ref = "AuditFilterFrom", name = "from", in = ParameterIn.QUERY) @Parameter(ref = "AuditFilterTo", name = "to", in = ParameterIn.QUERY)
    @Parameter(name = "after_seq", in = ParameterIn.QUERY, description = "Only events after this seq (an incremental export)",
            schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0"))
    @APIResponse(responseCode = "200", description = "The events in stored order: NDJSON, one event a line as the list"
            + " shows it, or CSV with a header row",
            content = {@Content(mediaType = "application/x-ndjson", schema = @Schema(type = SchemaType.STRING)),
                    @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "400", description = "An unknown, repeated or invalid parameter (the problem names it)")
    @APIResponse(responseCode = "403", description = "An API key without audit:read")
    @APIResponse(responseCode = "429", description = "The organization's exports for this window are used up (Retry-After)")
    @APIResponse(responseCode = "503", description = "The export cannot be recorded in the audit log, or API keys cannot be checked, right now")
    public Response export(@Context UriInfo uri, @Context HttpHeaders headers, @Context HttpServerRequest request) {
        AwxPrincipal principal = AwxPrincipal.of(caller);
        AuditFilter filter = AuditFilter.parse(principal.orgId(), uri.getQueryParameters(), Set.of("format"));
        ExportFormat format = ExportFormat.choose(AuditFilter.one(uri.getQueryParameters(), "format"), accepted(headers));
        AuditExportService.Body body = service.export(principal, ClientContext.of(request), filter, format);
        return Response.ok((StreamingOutput) body::writeTo)
                .type(format.mediaType() + "; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"audit-log." + format.wireName() + "\"")
                .cacheControl(CacheControls.noStore())
                .build();
    }

    /** The Accept header's media types; one that is no list of media types is the caller's mistake, named. */
    private static List<MediaType> accepted(HttpHeaders headers) {
        try {
            return headers.getAcceptableMediaTypes();
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("Accept", "Accept must be a list of media types, e.g. text/csv");
        }
    }
}
