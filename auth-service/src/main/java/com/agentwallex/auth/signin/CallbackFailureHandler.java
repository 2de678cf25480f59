package com.agentwallex.auth.signin;

import com.agentwallex.common.web.ProblemMapper;
import io.quarkus.security.AuthenticationCompletionException;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * quarkus-oidc refuses a provider's answer it cannot trust (state, signature, nonce, issuer, …)
 * with a bare 401 and no body. The callback answers as every other endpoint does instead: a
 * problem with the request id, saying the sign-in has to start again.
 */
@ApplicationScoped
class CallbackFailureHandler {

    private static final String CALLBACK_PATH = "/auth/google/callback";

    void register(@Observes Router router) {
        router.route(CALLBACK_PATH).order(Integer.MIN_VALUE + 10).failureHandler(ctx -> {
            // Only the refusal: a success also ends in a failure (the redirect back to the start path).
            if (!refused(ctx.failure()) || ctx.response().ended()) {
                ctx.next();
                return;
            }
            ProblemMapper.send(ctx, new SignInFailedException());
        });
    }

    /** Whether quarkus-oidc refused the answer (it may come wrapped, and may wrap its own cause). */
    private static boolean refused(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof AuthenticationCompletionException) {
                return true;
            }
        }
        return false;
    }
}
