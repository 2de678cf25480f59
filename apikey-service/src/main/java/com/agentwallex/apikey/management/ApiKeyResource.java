package com.agentwallex.apikey.management;

import com.agentwallex.apikey.core.ApiKeyView;
import com.agentwallex.apikey.core.Caller;
import com.agentwallex.apikey.core.Callers;
import com.agentwallex.apikey.idempotency.IdempotentAnswers;
import com.agentwallex.common.openapi.ApiConventions;
import com.agentwallex.common.openapi.ApiTags;
import com.agentwallex.common.web.ClientContext;
import com.agentwallex.contract.problem.InvalidParameterException;
import io.quarkus.security.Authenticated;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The key management API for signed-in users; everything is scoped to the caller's organization.
 * Every operation starts from {@link #caller()}, which refuses an API key: hence the one 403 here,
 * which an operation with more reasons to refuse states in full instead.
 */
@Path("/api/v1")
@Authenticated
@SecurityRequirement(name = ApiConventions.BEARER)
@APIResponse(responseCode = "403", description = "An agent token cannot manage keys (an X-API-Key is not accepted here: 401)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = ApiTags.API_KEYS)
public class ApiKeyResource {

    private final ApiKeyService service;
    private final IdempotentAnswers idempotent;
    private final Callers callers;

    ApiKeyResource(ApiKeyService service, IdempotentAnswers idempotent, Callers callers) {
        this.service = service;
        this.idempotent = idempotent;
        this.callers = callers;
    }

    @POST
    @Path("api-keys")
    @Operation(operationId = "createApiKey", summary = "Create a key; the full key is in this answer and never again")
    @APIResponse(responseCode = "201", description = "The key's metadata and, this once, the full key",
            content = @Content(schema = @Schema(implementation = ApiKeyView.class)))
    @APIResponse(responseCode = "400", description = "A member is missing or invalid (the problem names it)")
    @APIResponse(responseCode = "403", description = "An API key cannot manage keys, or an IP allowlist on a plan without it")
    @Parameter(name = "Idempotency-Key", in = ParameterIn.HEADER,
            description = "A retry with the same key within 24 h gets the first answer again, not a second key")
    @APIResponse(responseCode = "409", description = "The Idempotency-Key was used for a different request")
    public Response create(ApiKeyRequests.Create body, @HeaderParam("Idempotency-Key") String idempotencyKey,
                           @Context HttpServerRequest request) {
        Caller caller = caller();
        ApiKeyRequests.Create create = required(body);
        return idempotent.once(caller, idempotencyKey, "POST /api/v1/api-keys", create, () -> {
            ApiKeyView created = service.create(caller, create, ClientContext.of(request));
            return new IdempotentAnswers.Created(URI.create("/api/v1/api-keys/" + created.id()), created);
        });
    }

    @GET
    @Path("api-keys")
    @Operation(operationId = "listApiKeys", summary = "The organization's keys, newest first, masked")
    @APIResponse(responseCode = "200", description = "One page; pass the last id as starting_after for the next")
    @APIResponse(responseCode = "400", description = "limit out of range, or starting_after not one of your keys")
    // A String, read by the service: JAX-RS answers a number it cannot convert with 404, not 400.
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "1 to 100, default 50",
            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "50"))
    public ApiKeyPage list(@QueryParam("limit") String limit, @QueryParam("starting_after") String startingAfter) {
        return service.list(caller(), limit, startingAfter);
    }

    @GET
    @Path("api-keys/{id}")
    @Operation(operationId = "getApiKey", summary = "One key's metadata, masked")
    @APIResponse(responseCode = "200", description = "The key, without the secret")
    @APIResponse(responseCode = "404", description = "No key of this organization has this id")
    public ApiKeyView get(@PathParam("id") String id) {
        return service.get(caller(), id);
    }

    @PATCH
    @Path("api-keys/{id}")
    @Operation(operationId = "updateApiKey", summary = "Rename a key or change its scopes or IP allowlist; caches everywhere follow within seconds")
    @APIResponse(responseCode = "200", description = "The key as changed")
    @APIResponse(responseCode = "400", description = "A member is invalid (the problem names it)")
    @APIResponse(responseCode = "403", description = "An API key cannot manage keys, or an IP allowlist on a plan without it")
    @APIResponse(responseCode = "404", description = "No key of this organization has this id")
    @APIResponse(responseCode = "409", description = "The key is revoked")
    public ApiKeyView update(@PathParam("id") String id, ApiKeyRequests.Update body, @Context HttpServerRequest request) {
        return service.update(caller(), id, required(body), ClientContext.of(request));
    }

    @DELETE
    @Path("api-keys/{id}")
    @Operation(operationId = "revokeApiKey", summary = "Revoke a key; it fails everywhere within 5 seconds")
    @APIResponse(responseCode = "204", description = "Revoked (also when it was already)")
    @APIResponse(responseCode = "404", description = "No key of this organization has this id")
    public Response revoke(@PathParam("id") String id, @Context HttpServerRequest request) {
        service.revoke(caller(), id, ClientContext.of(request));
        return Response.noContent().build();
    }

    @GET
    @Path("api-key-policy")
    @Operation(operationId = "getApiKeyPolicy", summary = "The organization's key rotation policy")
    @APIResponse(responseCode = "200", description = "The policy")
    public KeyPolicyView policy() {
        return service.policy(caller());
    }

    @PUT
    @Path("api-key-policy")
    @Operation(operationId = "updateApiKeyPolicy", summary = "Make the 90-day rotation a hard expiry, or not")
    @APIResponse(responseCode = "200", description = "The policy as saved; every cache follows within seconds")
    @APIResponse(responseCode = "400", description = "rotation_hard_expiry is missing")
    public KeyPolicyView setPolicy(ApiKeyRequests.Policy body, @Context HttpServerRequest request) {
        return service.setPolicy(caller(), required(body), ClientContext.of(request));
    }

    private Caller caller() {
        return callers.current();
    }

    private static <T> T required(T body) {
        if (body == null) {
            throw new InvalidParameterException("body", "a JSON body is required");
        }
        return body;
    }
}
