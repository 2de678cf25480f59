package com.agentwallex.audit.query;

import com.agentwallex.common.auth.AwxPrincipal;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code GET /api/v1/audit-logs}, also at {@code /audit-logs} as the product page names it. Users
 * and API keys alike need {@code audit:read} (users' access tokens carry it).
 */
@Path("/")
@RolesAllowed("audit:read")
@Produces(MediaType.APPLICATION_JSON)
public class AuditLogResource {

    private final AuditLogRepository repository;
    private final CursorCodec cursors;
    private final SecurityIdentity caller;

    AuditLogResource(AuditLogRepository repository, CursorCodec cursors, SecurityIdentity caller) {
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
        String orgId = AwxPrincipal.of(caller).orgId();
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
