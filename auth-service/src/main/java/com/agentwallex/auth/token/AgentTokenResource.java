package com.agentwallex.auth.token;

import com.agentwallex.common.auth.AgentTokens;
import com.agentwallex.common.auth.AwxPrincipal;
import com.agentwallex.common.auth.PresentedApiKeys;
import com.agentwallex.common.openapi.ApiTags;
import com.agentwallex.contract.problem.ApiException;
import com.agentwallex.common.web.CacheControls;
import com.agentwallex.common.web.ClientContext;
import com.agentwallex.common.web.OAuthException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /api/v1/auth/token}: an API key exchanged for a short-lived agent token (RFC 8693),
 * on the OAuth wire format (form in, OAuth error JSON out) so OAuth client libraries can use it.
 * The key comes in X-API-Key, as everywhere, or as the {@code subject_token}; both is fine if they
 * are the same key.
 */
@Path(AgentTokens.TOKEN_PATH)
@Tag(name = ApiTags.TOKENS)
public class AgentTokenResource {

    private final AgentTokenService service;
    private final SecurityIdentity identity;
    private final PresentedApiKeys presentedKeys;

    AgentTokenResource(AgentTokenService service, SecurityIdentity identity, PresentedApiKeys presentedKeys) {
        this.service = service;
        this.identity = identity;
        this.presentedKeys = presentedKeys;
    }

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "issueAgentToken", summary = "Exchange an API key for an agent token of at most 15 minutes (RFC 8693 token exchange)",
            description = "Form parameters: grant_type=urn:ietf:params:oauth:grant-type:token-exchange; the key in "
                    + "X-API-Key or as subject_token with subject_token_type=" + AgentTokens.API_KEY_TOKEN_TYPE
                    + "; optional scope (a subset of the key's), audience, expires_in (seconds), agent_id, run_id.")
    @APIResponse(responseCode = "200", description = "The agent token (never cached)",
            content = @Content(schema = @Schema(implementation = AgentTokenResponse.class)))
    @APIResponse(responseCode = "400", description = "invalid_request, unsupported_grant_type, invalid_scope or invalid_target",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "OAuthError")))
    @APIResponse(responseCode = "401", description = "invalid_client: no API key, or not a valid one",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "OAuthError")),
            headers = @Header(name = "WWW-Authenticate", description = "ApiKey header=\"X-API-Key\" (RFC 6749 §5.2)",
                    schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "429", description = "rate_limited: the key's rate limit is spent (the exchange counts as one request), or too many failed key checks from this client",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "OAuthError")))
    @APIResponse(responseCode = "503", description = "temporarily_unavailable: API keys cannot be checked right now",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "OAuthError")))
    public Response exchange(@RequestBody(required = true, content = @Content(
                                     mediaType = MediaType.APPLICATION_FORM_URLENCODED, schema = @Schema(
                                     type = SchemaType.OBJECT, requiredProperties = "grant_type", properties = {
                                     @SchemaProperty(name = "grant_type", type = SchemaType.STRING, enumeration = AgentTokens.GRANT_TYPE),
                                     @SchemaProperty(name = "subject_token", type = SchemaType.STRING, description = "the API key, when not in X-API-Key"),
                                     @SchemaProperty(name = "subject_token_type", type = SchemaType.STRING,
                                             enumeration = AgentTokens.API_KEY_TOKEN_TYPE),
                                     @SchemaProperty(name = "requested_token_type", type = SchemaType.STRING,
                                             enumeration = AgentTokens.ACCESS_TOKEN_TYPE),
                                     @SchemaProperty(name = "scope", type = SchemaType.STRING, examples = "audit:read",
                                             description = "space-separated; a subset of the key's scopes"),
                                     @SchemaProperty(name = "audience", type = SchemaType.STRING, description = "one of the configured audiences"),
                                     @SchemaProperty(name = "expires_in", type = SchemaType.INTEGER, minimum = "1",
                                             description = "seconds; capped at the configured maximum (900 at most)"),
                                     @SchemaProperty(name = "agent_id", type = SchemaType.STRING, pattern = "[A-Za-z0-9._:@/-]{1,128}"),
                                     @SchemaProperty(name = "run_id", type = SchemaType.STRING, pattern = "[A-Za-z0-9._:@/-]{1,128}")})))
                             byte[] form, @HeaderParam("X-API-Key") String headerKey,
                             @Context HttpServerRequest http) {
        AgentTokenRequest request = AgentTokenRequest.parse(form);
        ClientContext client = ClientContext.of(http);
        Presented presented = Presented.of(request, headerKey == null ? null : headerKey.trim());
        PresentedApiKeys.Authenticated key = authenticate(presented, client);
        // the key as stored, not as a verify cache remembers it: the token outlives every cache
        AwxPrincipal current = presented.asOAuth(() -> presentedKeys.recheck(presented.key(), client.ip()));
        Response.ResponseBuilder answer = Response.ok(service.exchange(current, request, client))
                .cacheControl(CacheControls.noStore()).header("Pragma", "no-cache");
        key.headers().forEach(answer::header);
        return answer.build();
    }

    /**
     * The key the request presents, in X-API-Key or as subject_token, and how its refusal is worded:
     * a bad X-API-Key is invalid_client (RFC 6749 §5.2), a bad subject_token invalid_request (RFC 8693 §2.2.2).
     */
    private record Presented(String key, boolean inHeader) {

        static Presented of(AgentTokenRequest request, String headerKey) {
            String subject = request.subjectToken();
            if (headerKey != null) {
                if (subject != null && !MessageDigest.isEqual(headerKey.getBytes(StandardCharsets.UTF_8),
                        subject.getBytes(StandardCharsets.UTF_8))) {
                    throw OAuthException.invalidRequest("subject_token and X-API-Key name different keys");
                }
                return new Presented(headerKey, true);
            }
            if (subject != null) {
                return new Presented(subject, false);
            }
            throw new OAuthException(401, "invalid_client", "Send the API key in X-API-Key or as subject_token.");
        }

        <T> T asOAuth(Supplier<T> authentication) {
            return inHeader ? AgentTokenResource.asOAuth(401, "invalid_client", "The X-API-Key is not a valid API key.", authentication)
                    : AgentTokenResource.asOAuth(400, "invalid_request", "subject_token is not a valid API key.", authentication);
        }
    }

    /** A key in X-API-Key was authenticated, and its budget spent, by the request authentication; a subject_token is here. */
    private PresentedApiKeys.Authenticated authenticate(Presented presented, ClientContext client) {
        PresentedApiKeys.Authenticated principal = presented.asOAuth(() -> presented.inHeader()
                ? new PresentedApiKeys.Authenticated(AwxPrincipal.of(identity), Map.of())
                : presentedKeys.authenticate(presented.key(), client.ip()));
        if (!principal.key().isApiKey()) {
            throw new OAuthException(401, "invalid_client", "Agent tokens are made from an API key, not from another token.");
        }
        return principal;
    }

    /** The request authentication's failures, in OAuth's words. */
    private static <T> T asOAuth(int status, String error, String description, Supplier<T> authentication) {
        try {
            return authentication.get();
        } catch (AuthenticationFailedException | ForbiddenException e) {
            throw new OAuthException(status, error, description);
        } catch (ApiException e) {
            throw OAuthException.of(e, switch (e.status()) {
                case 503 -> "temporarily_unavailable";
                case 429 -> "rate_limited";
                default -> error;
            });
        }
    }
}
