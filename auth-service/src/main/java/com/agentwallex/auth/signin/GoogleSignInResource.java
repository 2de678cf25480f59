package com.agentwallex.auth.signin;

import com.agentwallex.auth.events.AuthReason;
import com.agentwallex.common.openapi.ApiTags;
import com.agentwallex.common.web.CacheControls;
import com.agentwallex.common.web.ClientContext;
import com.agentwallex.contract.problem.ApiException;
import com.agentwallex.contract.problem.InvalidParameterException;
import io.quarkus.oidc.OidcSession;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Sign-in with the configured OIDC provider (Google in production). quarkus-oidc runs the code
 * flow: an unauthenticated {@code GET /auth/google/redirect} is sent to the provider with state,
 * nonce and PKCE S256; the provider answers at {@code /auth/google/callback}, where the code is
 * exchanged and the ID token fully validated; the browser then comes back here, signed in with
 * the provider, and leaves with our one-time exchange code. The provider session is dropped at
 * once: from here on the client holds only our tokens.
 */
@Path("/auth/google")
@Tag(name = ApiTags.SIGN_IN)
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
    @Operation(operationId = "startGoogleSignIn", summary = "Start signing in with Google: 302 to the provider, and after it 302 back to return_to with an exchange_code")
    @Parameter(name = "return_to", in = ParameterIn.QUERY, description = "One of the configured return URLs, exactly; default the dashboard's callback",
            schema = @Schema(type = SchemaType.STRING))
    @Parameter(name = "code_challenge", in = ParameterIn.QUERY, description = "PKCE (RFC 7636): BASE64URL(SHA-256(verifier)); required for some return URLs",
            schema = @Schema(type = SchemaType.STRING))
    @Parameter(name = "code_challenge_method", in = ParameterIn.QUERY, schema = @Schema(type = SchemaType.STRING, enumeration = "S256"))
    @APIResponse(responseCode = "302", description = "To the provider; after signing in, to return_to?exchange_code=…")
    @APIResponse(responseCode = "400", description = "A return_to off the allowlist, or a malformed or missing code_challenge")
    @APIResponse(responseCode = "429", description = "Too many refused sign-ins from this address: a refused start waits for Retry-After")
    @APIResponse(responseCode = "403", description = "The provider has not verified the account's email, or sent a claim of the wrong type")
    public Response redirect(@Context UriInfo uri, @Context HttpServerRequest request) {
        ClientContext client = ClientContext.of(request);
        // For a web-app tenant, quarkus-oidc makes the validated ID token the principal.
        JsonWebToken idToken = (JsonWebToken) identity.getPrincipal();
        try {
            // quarkus-oidc restores the query the browser started with: judged again, as before the provider.
            SignInStart.Judged judged = SignInStart.judge(uri.getQueryParameters(), returnTo);
            if (judged.refusal() != null) {
                signIn.refuse(judged.refusal().reason(), client, Map.of());
                throw new InvalidParameterException(judged.refusal().parameter(), judged.refusal().detail());
            }
            SignInStart start = judged.start();
            String code = signIn.signIn(providerIdentity(idToken, client), start.returnTo(), start.codeChallenge(), client);
            return Response.status(Response.Status.FOUND)
                    .location(UriBuilder.fromUri(start.returnTo()).queryParam("exchange_code", code).build())
                    .cacheControl(CacheControls.noStore()).header("Referrer-Policy", "no-referrer").build();
        } finally {
            oidcSession.logout().await().indefinitely();
        }
    }

    /** The provider's verified identity, or a refused (and audited) sign-in. */
    private SignInService.ProviderIdentity providerIdentity(JsonWebToken idToken, ClientContext client) {
        try {
            boolean verified = ProviderClaims.bool(idToken, "email_verified").orElse(false);
            String email = ProviderClaims.string(idToken, "email").orElse(null);
            if (email == null || !verified) {
                signIn.refuse(AuthReason.EMAIL_NOT_VERIFIED, client, Map.of("issuer", idToken.getIssuer()));
                throw new ApiException(403, "email_not_verified", "Email not verified",
                        "The identity provider has not verified this account's email address.");
            }
            return new SignInService.ProviderIdentity(idToken.getIssuer(), idToken.getSubject(), email, true,
                    ProviderClaims.string(idToken, "name").orElse(null));
        } catch (ProviderClaims.WrongShape e) {
            signIn.refuse(AuthReason.CLAIM_WRONG_TYPE, client, Map.of("issuer", idToken.getIssuer(), "claim", e.claim()));
            throw new ApiException(403, "provider_claim_invalid", "Sign-in refused",
                    "The identity provider sent the " + e.claim() + " claim in a type OpenID Connect does not allow.");
        }
    }

    /** Reached only when quarkus-oidc has nothing to do (no code, no state): start over. */
    @GET
    @Path("callback")
    @Operation(operationId = "completeGoogleSignIn", summary = "Where the provider sends the browser back (handled by the OpenID Connect code flow)")
    @APIResponse(responseCode = "302", description = "On to the page the sign-in started from")
    @APIResponse(responseCode = "401", description = "The provider's answer was refused (state, signature, issuer, audience, nonce, expiry)")
    public Response callback() {
        return Response.status(Response.Status.FOUND).location(UriBuilder.fromPath(REDIRECT_PATH).build()).build();
    }
}
