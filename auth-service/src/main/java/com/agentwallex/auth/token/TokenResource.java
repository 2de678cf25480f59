package com.agentwallex.auth.token;

import com.agentwallex.common.openapi.ApiTags;
import com.agentwallex.common.web.CacheControls;
import com.agentwallex.common.web.ClientContext;
import com.agentwallex.common.ratelimit.FailureRateLimiter;
import com.agentwallex.common.ratelimit.RateLimitedException;
import com.agentwallex.contract.problem.InvalidParameterException;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The two token endpoints of the seed: exchange a one-time code, refresh with rotation. Both are
 * answered by {@link #grant}: the tokens, or 429 once a client has failed too often; each operation
 * states only its own 400.
 */
@Path("/api/v1/auth")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "200", description = "The tokens (never cached)",
        content = @Content(schema = @Schema(implementation = TokenResponse.class)))
@APIResponse(responseCode = "429", description = "Too many failed grants from this client")
@Tag(name = ApiTags.TOKENS)
public class TokenResource {

    @Schema(name = "ExchangeRequest", requiredProperties = "exchange_code")
    record ExchangeRequest(
            @Schema(description = "The one-time code from the sign-in's return URL", examples = "awx_ec_4yQe…")
            @JsonProperty("exchange_code") String exchangeCode,
            @Schema(description = "The PKCE verifier (RFC 7636), when the sign-in was started with a code_challenge")
            @JsonProperty("code_verifier") String codeVerifier) {
    }

    @Schema(name = "RefreshRequest", requiredProperties = "refresh_token")
    record RefreshRequest(@Schema(examples = "awx_rt_9Qm2…") @JsonProperty("refresh_token") String refreshToken) {
    }

    private static final int MAX_SECRET_LENGTH = 256;

    private final TokenService tokens;
    private final FailureRateLimiter limiter;

    TokenResource(TokenService tokens, FailureRateLimiter limiter) {
        this.tokens = tokens;
        this.limiter = limiter;
    }

    @POST
    @Path("exchange")
    @Operation(operationId = "exchangeCode", summary = "Exchange the sign-in's one-time code for an access and a refresh token")
    @APIResponse(responseCode = "400", description = "invalid_grant (unknown, spent, expired code or wrong verifier) or invalid_parameter")
    public Response exchange(ExchangeRequest body, @Context HttpServerRequest request) {
        String code = required(body == null ? null : body.exchangeCode(), "exchange_code");
        String verifier = body.codeVerifier();
        if (verifier != null && !Pkce.isVerifier(verifier)) {
            throw new InvalidParameterException("code_verifier", "code_verifier must be 43 to 128 unreserved characters (RFC 7636)");
        }
        Map<String, String> kept = browserVerifiers(request);
        ClientContext client = ClientContext.of(request);
        return grant(client, overLimit -> tokens.exchange(code, verifier, kept, client, overLimit));
    }

    /**
     * The verifiers the sign-in start kept in this browser's cookies, by tag. Over HTTPS only the
     * {@code __Host-} ones: a cookie of the plain name may have been planted by a sibling subdomain or
     * an answer over plain HTTP, and would bind the browser to someone else's sign-in.
     */
    private static Map<String, String> browserVerifiers(HttpServerRequest request) {
        String prefix = "https".equals(request.scheme()) ? Pkce.BROWSER_COOKIE_PREFIX_HTTPS : Pkce.BROWSER_COOKIE_PREFIX_HTTP;
        Map<String, String> kept = new HashMap<>();
        // Vert.x's reading of the Cookie header skips what it cannot parse; the JAX-RS one threw on a
        // "$Version=x" (a 500, with the whole header, verifiers and all, in the error log).
        for (Cookie cookie : request.cookies()) {
            if (cookie.getName().startsWith(prefix) && Pkce.isVerifier(cookie.getValue())) {
                kept.put(cookie.getName().substring(prefix.length()), cookie.getValue());
            }
        }
        return kept;
    }

    @POST
    @Path("refresh")
    @Operation(operationId = "refreshTokens", summary = "Spend a refresh token for a new access token and its successor (rotation)")
    @APIResponse(responseCode = "400", description = "invalid_grant (unknown, spent, expired token or ended session) or invalid_parameter")
    public Response refresh(RefreshRequest body, @Context HttpServerRequest request) {
        String token = required(body == null ? null : body.refreshToken(), "refresh_token");
        ClientContext client = ClientContext.of(request);
        return grant(client, overLimit -> tokens.refresh(token, client, overLimit));
    }

    /**
     * Over the failure limit only secrets we do not know are turned away (429, nothing recorded): the
     * limit is counted per address, and one client's guesses behind a shared NAT or /64 must not sign
     * everyone else there out. A secret we know is granted or refused, and audited, as ever.
     */
    private Response grant(ClientContext client, Function<Boolean, GrantOutcome> attempt) {
        // The failure's place is taken before the look-up, so guesses sent together cannot all pass the check.
        FailureRateLimiter.Reservation place = limiter.reserve(client.ip());
        GrantOutcome outcome;
        try {
            outcome = attempt.apply(place == null);
        } catch (RuntimeException e) {
            // no answer on the secret (PostgreSQL away): no failure of the client's either
            if (place != null) {
                place.release();
            }
            throw e;
        }
        if (outcome instanceof GrantOutcome.Issued issued) {
            if (place != null) {
                place.release();
            }
            return Response.ok(issued.tokens()).cacheControl(CacheControls.noStore()).header("Pragma", "no-cache").build();
        }
        if (outcome instanceof GrantOutcome.Limited) {
            throw new RateLimitedException(Math.max(1, limiter.retryAfterSeconds(client.ip())));
        }
        if (place != null ? place.usesUpTheWindow() : limiter.recordFailure(client.ip())) {
            tokens.rateLimited(client);
        }
        throw new InvalidGrantException(((GrantOutcome.Refused) outcome).detail());
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidParameterException(field, field + " is required");
        }
        if (value.length() > MAX_SECRET_LENGTH) {
            throw new InvalidParameterException(field, field + " is not a valid value");
        }
        return value;
    }
}
