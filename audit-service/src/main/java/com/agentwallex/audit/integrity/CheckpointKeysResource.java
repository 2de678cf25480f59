package com.agentwallex.audit.integrity;

import com.agentwallex.common.openapi.ApiTags;
import com.agentwallex.common.web.CacheControls;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The public keys of checkpoints, open to anyone: verifying must not need our credentials. */
@Path(IntegrityResource.JWKS_PATH)
@Tag(name = ApiTags.AUDIT_LOG)
public class CheckpointKeysResource {

    private final CheckpointKeys keys;

    CheckpointKeysResource(CheckpointKeys keys) {
        this.keys = keys;
    }

    @GET
    @NonBlocking
    @Operation(operationId = "getAuditCheckpointKeys", summary = "The public keys that sign audit checkpoints (current and previous kid)")
    @APIResponse(responseCode = "200", description = "A JSON Web Key Set (RFC 7517)")
    @Produces("application/jwk-set+json")
    public Response jwks() {
        return Response.ok(keys.jwksJson()).cacheControl(CacheControls.maxAge(300)).build();
    }
}
