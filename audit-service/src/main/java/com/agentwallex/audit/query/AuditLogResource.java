package com.agentwallex.audit.query;

import io.quarkus.security.Authenticated;
import io.quarkus.security.ForbiddenException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** {@code GET /api/v1/audit-logs}, also at {@code /audit-logs} as the product page names it. */
@Path("/")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class AuditLogResource {

    private final AuditLogRepository repository;
    private final CursorCodec cursors;
    private final JsonWebToken caller;

    AuditLogResource(AuditLogRepository repository, CursorCodec cursors, JsonWebToken caller) {
        this.repository = repository;
        this.cursors = cursors;
        this.caller = caller;
    }

    @GET
    @Path("api/v1/audit-logs")
    @Operation(summary = "The caller's organization's authentication events, newest first")
    public Uni<AuditLogPage> list(@Context UriInfo uri) {
        return page(uri);
    }

    @GET
    @Path("audit-logs")
    @Operation(summary = "Alias of /api/v1/audit-logs")
    public Uni<AuditLogPage> alias(@Context UriInfo uri) {
        return page(uri);
    }

    private Uni<AuditLogPage> page(UriInfo uri) {
        String orgId = caller.getClaim("org_id");
        if (orgId == null || orgId.isBlank()) {
            throw new ForbiddenException();
        }
        AuditLogQuery query = AuditLogQuery.parse(orgId, uri.getQueryParameters(), cursors);
        return repository.page(query).map(rows -> {
            boolean more = rows.size() > query.limit();
            List<AuditLogEntry> data = more ? rows.subList(0, query.limit()) : rows;
            String next = null;
            if (more) {
                AuditLogEntry last = data.get(data.size() - 1);
                next = cursors.encode(orgId, new CursorCodec.Position(last.time(), last.id()));
            }
            return new AuditLogPage(List.copyOf(data), more, next);
        });
    }
}
