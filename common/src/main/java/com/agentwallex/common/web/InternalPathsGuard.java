package com.agentwallex.common.web;

import com.agentwallex.contract.problem.ApiException;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * {@code /internal/**} is for services calling each other inside the cluster, never through the
 * public entry point. The entry point routes on the normalised path but forwards the raw one, so
 * {@code /internal/…/x%2F..%2F..%2Fapi%2Fv1%2Fauth/plan} can be routed as a public path and still
 * arrive here as an internal one. Whatever came through a proxy carries the forwarding headers it
 * adds (ingress-nginx and our local nginx always do); a service calling another directly sends none.
 * Such a request gets the 404 of a path that does not exist, in every service.
 */
@ApplicationScoped
class InternalPathsGuard {

    void register(@Observes Router router) {
        // Only paths that start like one: every other request (the public API) never enters the handler.
        router.route("/internal*").order(Integer.MIN_VALUE).handler(ctx -> {
            if (isInternal(ctx.normalizedPath())
                    && (ctx.request().getHeader("X-Forwarded-For") != null || ctx.request().getHeader("Forwarded") != null)) {
                ProblemMapper.send(ctx, new ApiException(404, "not_found", "Not found", "No such path."));
                return;
            }
            ctx.next();
        });
    }

    /**
     * Judged on the path as the routers see it (Vert.x's normalised path: {@code //internal},
     * {@code /./internal} and {@code /%69nternal} are all {@code /internal}), by its first segment
     * without matrix parameters, which RESTEasy strips before it matches ({@code /internal;x=1/…}).
     */
    static boolean isInternal(String normalizedPath) {
        if (normalizedPath == null || normalizedPath.length() < 2) {
            return false;
        }
        int end = normalizedPath.indexOf('/', 1);
        String first = end < 0 ? normalizedPath.substring(1) : normalizedPath.substring(1, end);
        int matrix = first.indexOf(';');
        return (matrix < 0 ? first : first.substring(0, matrix)).equalsIgnoreCase("internal");
    }
}
