package com.agentwallex.audit.query;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;

/**
 * Documents {@code GET /audit-logs} as what it is: {@code GET /api/v1/audit-logs} under the path
 * the product page names. Copying the operation, rather than annotating the alias a second time,
 * keeps the two descriptions from drifting apart. Runs at build time, so the document written to
 * target/openapi (and from there the public API's merged document) has the alias as before.
 * Public because Quarkus instantiates it by reflection.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class AuditLogAliasDocument implements OASFilter {

    static final String LIST = "/api/v1/audit-logs";
    static final String ALIAS = "/audit-logs";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        PathItem list = openAPI.getPaths() == null ? null : openAPI.getPaths().getPathItem(LIST);
        if (list == null || list.getGET() == null) {
            return;
        }
        Operation get = list.getGET();
        // The parts are shared, not cloned: a later filter that adds to them (ApiConventions) then
        // describes both paths alike, whichever runs first.
        Operation alias = OASFactory.createOperation()
                .operationId(get.getOperationId() == null ? null : get.getOperationId() + "Alias")
                .summary("Alias of " + LIST)
                .description(get.getDescription())
                .parameters(get.getParameters())
                .responses(get.getResponses())
                .security(get.getSecurity())
                .tags(get.getTags()); // last, as the scanner sets it: the written document keeps this order
        openAPI.getPaths().addPathItem(ALIAS, OASFactory.createPathItem().GET(alias));
    }
}
