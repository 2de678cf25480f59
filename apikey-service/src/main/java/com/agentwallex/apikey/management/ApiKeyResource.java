package com.agentwallex.apikey.management;

import com.agentwallex.apikey.core.ApiKeyView;
import com.agentwallex.apikey.core.Caller;
import com.agentwallex.common.web.CacheControls;
import com.agentwallex.common.web.ClientContext;
import com.agentwallex.common.web.InvalidParameterException;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The key management API for signed-in users; everything is scoped to the caller's organization. */
@Path("/api/v1")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ApiKeyResource {

    private final ApiKeyService service;
    private final SecurityIdentity identity;

    ApiKeyResource(ApiKeyService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @POST
    @Path("api-keys")
    @Operation(summary = "Create a key; the full key is in this answer and never again")
    public Response create(ApiKeyRequests.Create body, @Context HttpServerRequest request) {
        ApiKeyView created = service.create(caller(), required(body), ClientContext.of(request));
        return Response.created(URI.create("/api/v1/api-keys/" + created.id())).entity(created)
                .cacheControl(CacheControls.noStore()).build();
    }

    @GET
    @Path("api-keys")
    @Operation(summary = "The organization's keys, newest first, masked")
    public ApiKeyPage list(@QueryParam("limit") Integer limit, @QueryParam("starting_after") String startingAfter) {
        return service.list(caller(), limit, startingAfter);
    }

    @GET
    @Path("api-keys/{id}")
    @Operation(summary = "One key's metadata, masked")
    public ApiKeyView get(@PathParam("id") String id) {
        return service.get(caller(), id);
    }

    @PATCH
    @Path("api-keys/{id}")
    @Operation(summary = "Rename a key or change its scopes or IP allowlist; caches everywhere follow within seconds")
    public ApiKeyView update(@PathParam("id") String id, ApiKeyRequests.Update body, @Context HttpServerRequest request) {
        return service.update(caller(), id, required(body), ClientContext.of(request));
    }

    @DELETE
    @Path("api-keys/{id}")
    @Operation(summary = "Revoke a key; it fails everywhere within 5 seconds")
    public Response revoke(@PathParam("id") String id, @Context HttpServerRequest request) {
        service.revoke(caller(), id, ClientContext.of(request));
        return Response.noContent().build();
    }

    @GET
    @Path("api-key-policy")
    @Operation(summary = "The organization's key rotation policy")
    public KeyPolicyView policy() {
        return service.policy(caller());
    }

    @PUT
    @Path("api-key-policy")
    @Operation(summary = "Make the 90-day rotation a hard expiry, or not")
    public KeyPolicyView setPolicy(ApiKeyRequests.Policy body, @Context HttpServerRequest request) {
        return service.setPolicy(caller(), required(body), ClientContext.of(request));
    }

    private Caller caller() {
        return Caller.of(identity);
    }

    private static <T> T required(T body) {
        if (body == null) {
            throw new InvalidParameterException("body", "a JSON body is required");
        }
        return body;
    }
}
