package com.agentwallex.apikey.verification;

import com.agentwallex.common.web.ProblemMapper;
import com.agentwallex.common.web.RequestIdFilter;
import com.agentwallex.common.web.ServiceCredentials;
import com.agentwallex.contract.problem.ApiException;
import com.agentwallex.contract.problem.InvalidParameterException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.util.concurrent.CompletionException;

/**
 * {@code POST /internal/v1/api-keys/verify}: for AgentWallex services only (never routed by the
 * ingress, and a service credential besides). It is on every request of every service, so it is a
 * plain Vert.x route on the event loop rather than a JAX-RS resource: no filters, request
 * context or context propagation to pay for, and only a cache miss ever leaves the event loop.
 * Its answers are the same JSON and problem+json as everywhere else.
 */
@ApplicationScoped
class VerifyRoute {

    static final String PATH = "/internal/v1/api-keys/verify";
    private static final int MAX_BODY = 64 * 1024;

    private final VerificationService service;
    private final ServiceCredentials credentials;
    private final ObjectMapper json;

    VerifyRoute(VerificationService service, ServiceCredentials credentials, ObjectMapper json) {
        this.service = service;
        this.credentials = credentials;
        this.json = json;
    }

    void register(@Observes Router router) {
        router.post(PATH).handler(BodyHandler.create(false).setBodyLimit(MAX_BODY)).handler(this::verify);
    }

    private void verify(RoutingContext ctx) {
        String requestId = RequestIdFilter.fromHeader(ctx.request().getHeader(RequestIdFilter.HEADER));
        try {
            credentials.require(ctx.request().getHeader(HttpHeaders.AUTHORIZATION), "verify");
            String ip = ctx.request().remoteAddress() == null ? null : ctx.request().remoteAddress().hostAddress();
            service.verify(read(ctx.body().buffer()), ip).whenComplete((answer, error) -> {
                if (error != null) {
                    fail(ctx, error instanceof CompletionException && error.getCause() != null
                            ? error.getCause() : error);
                } else {
                    respondAnswer(ctx, requestId, answer);
                }
            });
        } catch (RuntimeException e) {
            fail(ctx, e);
        }
    }

    private VerifyRequest read(Buffer body) {
        if (body == null || body.length() == 0) {
            throw new InvalidParameterException("body", "a JSON body with key and client_ip is required");
        }
        VerifyRequest request;
        try {
            request = json.readValue(body.getBytes(), VerifyRequest.class);
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidParameterException(e.getPropertyName(), "the body has a member verify does not accept");
        } catch (JsonProcessingException e) {
            // never the parser's message: it quotes the input, which holds a key
            throw new InvalidParameterException("body", "the body is not a JSON verify request");
        } catch (IOException e) {
            throw new InvalidParameterException("body", "the body could not be read");
        }
        if (request == null) { // the JSON literal null reads as no request at all
            throw new InvalidParameterException("body", "the body is not a JSON verify request");
        }
        return request;
    }

    private static void fail(RoutingContext ctx, Throwable error) {
        if (error instanceof ApiException problem) {
            ProblemMapper.send(ctx, problem);
        } else {
            ProblemMapper.sendUnexpected(ctx, error);
        }
    }

    /** A cached key's VALID answer is the same every time: its JSON is encoded once (CachedKey.Memo). */
    private void respondAnswer(RoutingContext ctx, String requestId, VerifyResponse answer) {
        byte[] body;
        try {
            body = answer.memo() == null ? json.writeValueAsBytes(answer) : answer.memo().validJson;
            if (body == null) {
                body = json.writeValueAsBytes(answer);
                answer.memo().validJson = body;
            }
        } catch (JsonProcessingException e) {
            ProblemMapper.sendUnexpected(ctx, e);
            return;
        }
        ctx.response().setStatusCode(200).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(RequestIdFilter.HEADER, requestId).end(Buffer.buffer(body));
    }
}
