package com.agentwallex.auth.signin;

import com.agentwallex.common.web.Problem;
import com.agentwallex.common.web.ClientContext;
import io.vertx.core.json.Json;
import java.util.Map;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses a bad {@code return_to} before the browser is sent to the provider: the user should
 * not sign in only to be told the link was wrong, and we never start a flow we would not finish.
 */
@ApplicationScoped
class ReturnToGuard {

    private final ReturnToPolicy policy;
    private final SignInService signIn;

    ReturnToGuard(ReturnToPolicy policy, SignInService signIn) {
        this.policy = policy;
        this.signIn = signIn;
    }

    void register(@Observes Router router) {
        // Ahead of the authentication handler, which would otherwise redirect to the provider first.
        router.route(GoogleSignInResource.REDIRECT_PATH).order(Integer.MIN_VALUE + 10).handler(ctx -> {
            var values = ctx.queryParam("return_to");
            if (values.size() > 1 || (values.size() == 1 && policy.resolve(values.get(0)) == null)) {
                Problem problem = Problem.of(400, "invalid_parameter", "Invalid parameter",
                        "return_to is not an allowed return URL", null, "return_to");
                ctx.response().setStatusCode(400).putHeader("Content-Type", Problem.MEDIA_TYPE).end(Json.encode(problem));
                ClientContext client = ClientContext.of(ctx.request());
                // The outbox write is blocking: off the event loop.
                ctx.vertx().executeBlocking(() -> {
                    signIn.refuse("return_to_not_allowed", client, Map.of());
                    return null;
                });
                return;
            }
            ctx.next();
        });
    }
}
