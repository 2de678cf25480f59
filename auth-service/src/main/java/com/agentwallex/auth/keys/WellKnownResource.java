package com.agentwallex.auth.keys;

import com.agentwallex.auth.AuthConfig;
import com.agentwallex.common.openapi.ApiTags;
import com.agentwallex.contract.apikey.Scope;
import com.agentwallex.common.auth.AgentTokens;
import com.agentwallex.common.web.CacheControls;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Issuer metadata and public keys, so that every verifier checks our tokens on its own. */
@Path("/.well-known")
@Tag(name = ApiTags.DISCOVERY)
public class WellKnownResource {

    private final SigningKeys keys;
    private final Map<String, Object> metadata;

    WellKnownResource(SigningKeys keys, AuthConfig config) {
        this.keys = keys;
        this.metadata = metadata(config.issuer());
    }

    /**
     * RFC 8414 authorization-server metadata that claims only what exists: we issue access tokens
     * from one OAuth token endpoint (the agent-token exchange) and have no authorization endpoint
     * a client could drive (sign-in goes to Google with our own parameters), so no response type
     * and no ID tokens. Our other endpoints are named in {@code agentwallex_}-prefixed extension
     * members, as RFC 8414 §2 allows.
     */
    static Map<String, Object> metadata(String issuer) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("issuer", issuer);
        m.put("jwks_uri", issuer + "/.well-known/jwks.json");
        m.put("token_endpoint", issuer + AgentTokens.TOKEN_PATH);
        m.put("grant_types_supported", List.of(AgentTokens.GRANT_TYPE));
        // The subject token (an API key) is the credential; there are no OAuth clients to authenticate.
        m.put("token_endpoint_auth_methods_supported", List.of("none"));
        m.put("response_types_supported", List.of());
        m.put("scopes_supported", Arrays.stream(Scope.values()).map(Scope::wireName).toList());
        m.put("agentwallex_subject_token_types_supported", List.of(AgentTokens.API_KEY_TOKEN_TYPE));
        m.put("agentwallex_api_key_header", "X-API-Key");
        m.put("agentwallex_sign_in_endpoint", issuer + "/auth/google/redirect");
        m.put("agentwallex_code_exchange_endpoint", issuer + "/api/v1/auth/exchange");
        m.put("agentwallex_refresh_endpoint", issuer + "/api/v1/auth/refresh");
        m.put("agentwallex_logout_endpoint", issuer + "/api/v1/auth/logout");
        return Collections.unmodifiableMap(m);
    }

    @GET
    @NonBlocking
    @Path("jwks.json")
    @Operation(operationId = "getJwks", summary = "The public keys that sign access tokens (current and previous kid)")
    @APIResponse(responseCode = "200", description = "A JSON Web Key Set (RFC 7517)")
    @Produces("application/jwk-set+json")
    public Response jwks() {
        // Short cache: a verifier that sees an unknown kid refetches anyway.
        return Response.ok(keys.jwksJson()).cacheControl(CacheControls.maxAge(300)).build();
    }

    @GET
    @NonBlocking
    @Path("oauth-authorization-server")
    @Operation(operationId = "getAuthorizationServerMetadata", summary = "Authorization-server metadata (RFC 8414): issuer, JWKS, the agent-token endpoint")
    @APIResponse(responseCode = "200", description = "What a standard OAuth client or token verifier needs")
    @Produces(MediaType.APPLICATION_JSON)
    public Response authorizationServerMetadata() {
        return Response.ok(metadata).cacheControl(CacheControls.maxAge(3600)).build();
    }

    /** The same document where SPEC §2 promised it, for verifiers that look there (RFC 8414 §5). */
    @GET
    @NonBlocking
    @Path("openid-configuration")
    @Operation(operationId = "getOpenIdConfiguration", summary = "The same metadata at the OpenID discovery path (RFC 8414 §5); we issue no ID tokens")
    @APIResponse(responseCode = "200", description = "The authorization-server metadata")
    @Produces(MediaType.APPLICATION_JSON)
    public Response openidConfiguration() {
        return authorizationServerMetadata();
    }
}
