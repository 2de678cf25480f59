package com.agentwallex.common.web;

import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Every request carries an id: the caller's if it is sane, else a new one; logs and problems show it. */
public class RequestIdFilter {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "request_id";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    @ServerRequestFilter(preMatching = true)
    public void assign(ContainerRequestContext request) {
        String offered = request.getHeaderString(HEADER);
        String id = fromHeader(offered);
        request.setProperty(MDC_KEY, id);
        MDC.put(MDC_KEY, id);
    }

    @ServerResponseFilter
    public void echo(ContainerRequestContext request, ContainerResponseContext response) {
        Object id = request.getProperty(MDC_KEY);
        if (id != null) {
            response.getHeaders().putSingle(HEADER, id);
        }
    }

    /**
     * A random (version 4) UUID from the thread's own generator: request ids must be unique, not
     * secret, and UUID.randomUUID() would put every request behind SecureRandom's shared lock.
     */
    public static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    /** For handlers outside JAX-RS (Vert.x routes): the caller's id if sane, else a new one. */
    public static String fromHeader(String offered) {
        return offered != null && SANE.matcher(offered).matches() ? offered : newId();
    }

    /**
     * A Vert.x route's request id, the same for every use in one request (its problem answer and the
     * audit event it writes): taken from the header or made once, then kept in the routing context.
     */
    public static String of(RoutingContext ctx) {
        String id = ctx.get(MDC_KEY);
        if (id == null) {
            id = fromHeader(ctx.request().getHeader(HEADER));
            ctx.put(MDC_KEY, id);
        }
        return id;
    }

    public static String current(ContainerRequestContext request) {
        Object id = request == null ? null : request.getProperty(MDC_KEY);
        return id != null ? id.toString() : (String) MDC.get(MDC_KEY);
    }
}
