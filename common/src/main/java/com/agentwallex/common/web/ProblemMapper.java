package com.agentwallex.common.web;

import com.agentwallex.common.jdbc.Sql;
import com.agentwallex.contract.problem.ApiException;
import com.agentwallex.contract.problem.Problem;
import com.agentwallex.contract.problem.UnavailableException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Event;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where failures become problem+json (or, for the OAuth token endpoint, OAuth's error
 * JSON); no stack trace or class name ever leaves.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    private static final ApiException INTERNAL_ERROR = new ApiException(500, "internal_error", "Internal error",
            "The request could not be completed; quote the request id when reporting it.");
    private static final ApiException UNSTORABLE_TEXT = new ApiException(400, "invalid_parameter", "Invalid parameter",
            "A value in the request holds a character that cannot be stored (a NUL byte); remove it.");
    private static final ApiException DATABASE_UNAVAILABLE =
            new UnavailableException("The service's database cannot be reached right now; retry shortly.", 2);

    private final Event<AccessDenied> denied;

    ProblemMapper(Event<AccessDenied> denied) {
        this.denied = denied;
    }

    @ServerExceptionMapper
    public Response api(ApiException e, ContainerRequestContext request) {
        Response.ResponseBuilder response = Response.status(e.status()).type(Problem.MEDIA_TYPE)
                .entity(e.problem(RequestIdFilter.current(request)));
        e.headers().forEach(response::header);
        return response.build();
    }

    /** The one exception to problem+json: endpoints of the OAuth wire format answer as OAuth clients expect. */
    @ServerExceptionMapper
    public Response oauth(OAuthException e, ContainerRequestContext request) {
        Response.ResponseBuilder response = Response.status(e.status()).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new OAuthException.Body(e.error(), e.getMessage(), RequestIdFilter.current(request)));
        e.headers().forEach(response::header);
        return response.build();
    }

    @ServerExceptionMapper({AuthenticationFailedException.class, UnauthorizedException.class})
    public Response unauthenticated(RuntimeException e, ContainerRequestContext request) {
        String detail = ApiKeysNotAccepted.is(e)
                ? "API keys are not accepted here: sign in and send a Bearer access token."
                : "A valid X-API-Key or Bearer access token is required.";
        return Response.fromResponse(respond(401, "unauthenticated", "Unauthenticated", detail, null, request))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, ContainerRequestContext request, HttpServerRequest http) {
        denied.fire(new AccessDenied(request.getSecurityContext().getUserPrincipal(), request.getMethod(),
                request.getUriInfo().getPath(), ClientContext.ipOf(http),
                RequestIdFilter.current(request)));
        return respond(403, "forbidden", "Forbidden", "The caller may not do this.", null, request);
    }

    /**
     * A body that is not JSON, or JSON of the wrong shape: a 400 naming the member when there is
     * one, and never the parser's message, which quotes the input (it may hold a secret).
     */
    @ServerExceptionMapper({JsonProcessingException.class, JsonParseException.class, MismatchedInputException.class})
    public Response unreadableBody(JsonProcessingException e, ContainerRequestContext request) {
        String member = null;
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            member = mapping.getPath().get(mapping.getPath().size() - 1).getFieldName();
        }
        String detail = e instanceof UnrecognizedPropertyException ? "The body has a member this endpoint does not accept."
                : member != null ? "The body member has the wrong type or shape." : "The body is not valid JSON.";
        return respond(400, "invalid_body", "Invalid body", detail, member, request);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, ContainerRequestContext request) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, request);
        }
        String reason = e.getResponse().getStatusInfo().getReasonPhrase();
        return respond(status, reason.toLowerCase().replace(' ', '_'), reason, reason + ".", null, request);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, ContainerRequestContext request) {
        return api(unexpected(e), request);
    }

    /**
     * The same answer from a Vert.x route, outside JAX-RS (apikey-service's verify, auth-service's
     * sign-in guards): the problem and its headers, with the request id the caller offered or a new one.
     */
    public static void send(RoutingContext ctx, ApiException e) {
        String requestId = RequestIdFilter.of(ctx);
        HttpServerResponse response = ctx.response().setStatusCode(e.status());
        e.headers().forEach(response::putHeader);
        response.putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE).putHeader(RequestIdFilter.HEADER, requestId)
                .end(Json.encode(e.problem(requestId)));
    }

    /** A Vert.x route's unexpected failure: logged, and answered as {@link #unexpected} answers. */
    public static void sendUnexpected(RoutingContext ctx, Throwable e) {
        send(ctx, unexpected(e));
    }

    /**
     * Logged: the database being away is a 503 to retry (a warning); a NUL byte the database cannot store
     * is the caller's 400; anything else a 500 with its stack trace.
     */
    private static ApiException unexpected(Throwable e) {
        if (Sql.unavailable(e)) {
            LOG.warnf("request failed: the database is unavailable (%s)", e.getMessage());
            return DATABASE_UNAVAILABLE;
        }
        if (Sql.unstorableText(e)) {
            // the caller's as a rule; logged, so that a NUL we wrote ourselves would still be seen
            LOG.warnf("request refused: a value holds a character the database cannot store (%s)", e.getMessage());
            return UNSTORABLE_TEXT;
        }
        LOG.error("request failed", e);
        return INTERNAL_ERROR;
    }

    private static Response respond(int status, String type, String title, String detail, String parameter,
                                    ContainerRequestContext request) {
        Problem problem = Problem.of(status, type, title, detail, RequestIdFilter.current(request), parameter);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
