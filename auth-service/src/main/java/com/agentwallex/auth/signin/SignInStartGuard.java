package com.agentwallex.auth.signin;

import com.agentwallex.common.ratelimit.RateLimitedException;
import com.agentwallex.common.web.ClientContext;
import com.agentwallex.common.web.ProblemMapper;
import com.agentwallex.contract.problem.InvalidParameterException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Refuses a bad sign-in start (a return_to off the allowlist, a malformed or missing PKCE
 * challenge) before the browser is sent to the provider: the user should not sign in only to be
 * told the link was wrong, and we never start a flow we would not finish.
 */
@ApplicationScoped
class SignInStartGuard {

    private final ReturnToPolicy policy;
    private final SignInService signIn;
    private final SignInRefusals refusals;

    SignInStartGuard(ReturnToPolicy policy, SignInService signIn, SignInRefusals refusals) {
        this.policy = policy;
        this.signIn = signIn;
        this.refusals = refusals;
    }

    void register(@Observes Router router) {
        // Ahead of the authentication handler, which would otherwise redirect to the provider first.
        router.route(GoogleSignInResource.REDIRECT_PATH).order(Integer.MIN_VALUE + 10).handler(ctx -> {
            SignInStart.Refusal refusal = SignInStart.judge(query(ctx), policy).refusal();
            if (refusal == null) {
                ctx.next();
                return;
            }
            ClientContext client = ClientContext.of(ctx.request());
            long wait = refusals.retryAfterSeconds(client.ip());
            if (wait > 0) {
                ProblemMapper.send(ctx, new RateLimitedException(wait));
                return;
            }
            SignInRefusals.Verdict verdict = refusals.count(client.ip());
            ProblemMapper.send(ctx, new InvalidParameterException(refusal.parameter(), refusal.detail()));
            // The outbox write is blocking: off the event loop.
            ctx.vertx().executeBlocking(() -> {
                signIn.refuse(refusal.reason(), client, Map.of(), verdict);
                return null;
            });
        });
    }

    private static Map<String, List<String>> query(RoutingContext ctx) {
        Map<String, List<String>> query = new HashMap<>();
        for (String name : ctx.queryParams().names()) {
            query.put(name, ctx.queryParam(name));
        }
        return query;
    }
}
