package com.agentwallex.auth.keys;

import com.agentwallex.auth.AuthConfig;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Issuer metadata and public keys, so that every verifier checks our tokens on its own. */
@Path("/.well-known")
public class WellKnownResource {

    private final SigningKeys keys;
    private final Map<String, Object> metadata;

    WellKnownResource(SigningKeys keys, AuthConfig config) {
        this.keys = keys;
        String base = config.issuer();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("issuer", base);
        m.put("jwks_uri", base + "/.well-known/jwks.json");
        m.put("authorization_endpoint", base + "/auth/google/redirect");
        m.put("token_endpoint", base + "/api/v1/auth/exchange");
        m.put("response_types_supported", List.of("code"));
        m.put("grant_types_supported", List.of("authorization_code", "refresh_token"));
        m.put("subject_types_supported", List.of("public"));
        m.put("id_token_signing_alg_values_supported", List.of("ES256"));
        m.put("token_endpoint_auth_methods_supported", List.of("none"));
        m.put("code_challenge_methods_supported", List.of("S256"));
        m.put("scopes_supported", config.tokens().userScopes());
        this.metadata = Map.copyOf(m);
    }

    @GET
    @NonBlocking
    @Path("jwks.json")
    @Operation(summary = "The public keys that sign access tokens (current and previous kid)")
    @APIResponse(responseCode = "200", description = "A JSON Web Key Set (RFC 7517)")
    @Produces("application/jwk-set+json")
    public Response jwks() {
        // Short cache: a verifier that sees an unknown kid refetches anyway.
        return Response.ok(keys.jwksJson()).cacheControl(maxAge(300)).build();
    }

    @GET
    @NonBlocking
    @Path("openid-configuration")
    @Operation(summary = "Issuer metadata for token verifiers")
    @APIResponse(responseCode = "200", description = "Issuer, JWKS location and what the token endpoints support")
    @Produces(MediaType.APPLICATION_JSON)
    public Response openidConfiguration() {
        return Response.ok(metadata).cacheControl(maxAge(3600)).build();
    }

    private static CacheControl maxAge(int seconds) {
        CacheControl cache = new CacheControl();
        cache.setMaxAge(seconds);
        return cache;
    }
}
