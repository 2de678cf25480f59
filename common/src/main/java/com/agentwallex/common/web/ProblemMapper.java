package com.agentwallex.common.web;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The one place where failures become problem+json; no stack trace or class name ever leaves. */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public Response api(ApiException e, ContainerRequestContext request) {
        String parameter = e instanceof InvalidParameterException p ? p.parameter() : null;
        Response response = respond(e.status(), e.type(), e.title(), e.getMessage(), parameter, request);
        if (e.retryAfterSeconds() > 0) {
            return Response.fromResponse(response).header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds()).build();
        }
        return response;
    }

    @ServerExceptionMapper({AuthenticationFailedException.class, UnauthorizedException.class})
    public Response unauthenticated(RuntimeException e, ContainerRequestContext request) {
        return Response.fromResponse(respond(401, "unauthenticated", "Unauthenticated",
                        "A valid X-API-Key or Bearer access token is required.", null, request))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, ContainerRequestContext request) {
        return respond(403, "forbidden", "Forbidden", "The caller may not do this.", null, request);
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
        LOG.error("request failed", e);
        return respond(500, "internal_error", "Internal error",
                "The request could not be completed; quote the request id when reporting it.", null, request);
    }

    private static Response respond(int status, String type, String title, String detail, String parameter,
                                    ContainerRequestContext request) {
        Problem problem = Problem.of(status, type, title, detail, RequestIdFilter.current(request), parameter);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
