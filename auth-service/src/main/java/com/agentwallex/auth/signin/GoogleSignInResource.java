package com.agentwallex.auth.signin;

import com.agentwallex.common.web.ClientContext;
import com.agentwallex.common.web.ApiException;
import io.quarkus.oidc.OidcSession;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Sign-in with the configured OIDC provider (Google in production). quarkus-oidc runs the code
 * flow: an unauthenticated {@code GET /auth/google/redirect} is sent to the provider with state,
 * nonce and PKCE S256; the provider answers at {@code /auth/google/callback}, where the code is
 * exchanged and the ID token fully validated; the browser then comes back here, signed in with
 * the provider, and leaves with our one-time exchange code. The provider session is dropped at
 * once: from here on the client holds only our tokens.
 */
@Path("/auth/google")
public class GoogleSignInResource {

    static final String REDIRECT_PATH = "/auth/google/redirect";

    private final SignInService signIn;
    private final ReturnToPolicy returnTo;
    private final SecurityIdentity identity;
    private final OidcSession oidcSession;

    GoogleSignInResource(SignInService signIn, ReturnToPolicy returnTo, SecurityIdentity identity,
                         OidcSession oidcSession) {
        this.signIn = signIn;
        this.returnTo = returnTo;
        this.identity = identity;
        this.oidcSession = oidcSession;
    }

    @GET
    @Path("redirect")
    public Response redirect(@QueryParam("return_to") String requested, @Context HttpServerRequest request) {
        ClientContext client = ClientContext.of(request);
        // For a web-app tenant, quarkus-oidc makes the validated ID token the principal.
        JsonWebToken idToken = (JsonWebToken) identity.getPrincipal();
        try {
            String target = returnTo.resolve(requested);
            if (target == null) {
                signIn.refuse("return_to_not_allowed", client, Map.of());
                throw new ApiException(400, "invalid_parameter", "Invalid parameter", "return_to is not an allowed return URL");
            }
            Boolean verified = idToken.getClaim("email_verified");
            String email = idToken.getClaim("email");
            if (email == null || !Boolean.TRUE.equals(verified)) {
                signIn.refuse("email_not_verified", client, Map.of("issuer", idToken.getIssuer()));
                throw new ApiException(403, "email_not_verified", "Email not verified",
                        "The identity provider has not verified this account's email address.");
            }
            String code = signIn.signIn(new SignInService.ProviderIdentity(idToken.getIssuer(), idToken.getSubject(),
                    email, true, idToken.getClaim("name")), target, client);
            return Response.status(Response.Status.FOUND)
                    .location(UriBuilder.fromUri(target).queryParam("exchange_code", code).build())
                    .header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer").build();
        } finally {
            oidcSession.logout().await().indefinitely();
        }
    }

    /** Reached only when quarkus-oidc has nothing to do (no code, no state): start over. */
    @GET
    @Path("callback")
    public Response callback() {
        return Response.status(Response.Status.FOUND).location(UriBuilder.fromPath(REDIRECT_PATH).build()).build();
    }
}
