package com.agentwallex.common.web;

import com.agentwallex.common.net.IpAddresses;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Who is on the other end of a request, for audit events and rate limits. The address is the
 * connection's, or the forwarded one when the hop is a trusted proxy (Quarkus resolves that), in its
 * one canonical spelling.
 */
public record ClientContext(String ip, String userAgent, String requestId) {

    private static final int MAX_USER_AGENT = 512;

    /** In a JAX-RS resource, whose request id RequestIdFilter has set. */
    public static ClientContext of(HttpServerRequest request) {
        return new ClientContext(ipOf(request), userAgentOf(request), (String) org.jboss.logging.MDC.get(RequestIdFilter.MDC_KEY));
    }

    /** In a Vert.x route, ahead of JAX-RS: the request id its problem answer carries too. */
    public static ClientContext of(RoutingContext ctx) {
        return new ClientContext(ipOf(ctx.request()), userAgentOf(ctx.request()), RequestIdFilter.of(ctx));
    }

    private static String userAgentOf(HttpServerRequest request) {
        String ua = request.getHeader("User-Agent");
        return ua != null && ua.length() > MAX_USER_AGENT ? ua.substring(0, MAX_USER_AGENT) : ua;
    }

    /** The address alone, for a path that needs nothing else (every API-key request's authentication). */
    public static String ipOf(HttpServerRequest request) {
        return request.remoteAddress() == null ? null : IpAddresses.canonical(request.remoteAddress().hostAddress());
    }
}
