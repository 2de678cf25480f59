package com.agentwallex.common.web;

import com.agentwallex.common.net.IpAddresses;
import io.vertx.core.http.HttpServerRequest;

/**
 * Who is on the other end of a request, for audit events and rate limits. The address is the
 * connection's, or the forwarded one when the hop is a trusted proxy (Quarkus resolves that), in its
 * one canonical spelling.
 */
public record ClientContext(String ip, String userAgent, String requestId) {

    private static final int MAX_USER_AGENT = 512;

    public static ClientContext of(HttpServerRequest request) {
        String ua = request.getHeader("User-Agent");
        if (ua != null && ua.length() > MAX_USER_AGENT) {
            ua = ua.substring(0, MAX_USER_AGENT);
        }
        return new ClientContext(ipOf(request), ua, (String) org.jboss.logging.MDC.get(RequestIdFilter.MDC_KEY));
    }

    /** The address alone, for a path that needs nothing else (every API-key request's authentication). */
    public static String ipOf(HttpServerRequest request) {
        return request.remoteAddress() == null ? null : IpAddresses.canonical(request.remoteAddress().hostAddress());
    }
}
