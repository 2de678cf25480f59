package com.agentwallex.audit.integrity;

import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The public keys of checkpoints, open to anyone: verifying must not need our credentials. */
@Path(IntegrityResource.JWKS_PATH)
public class CheckpointKeysResource {

    private final CheckpointKeys keys;

    CheckpointKeysResource(CheckpointKeys keys) {
        this.keys = keys;
    }

    @GET
    @NonBlocking
    @Operation(summary = "The public keys that sign audit checkpoints (current and previous kid)")
    @APIResponse(responseCode = "200", description = "A JSON Web Key Set (RFC 7517)")
    @Produces("application/jwk-set+json")
    public Response jwks() {
        CacheControl cache = new CacheControl();
        cache.setMaxAge(300);
        return Response.ok(keys.jwksJson()).cacheControl(cache).build();
    }
}
