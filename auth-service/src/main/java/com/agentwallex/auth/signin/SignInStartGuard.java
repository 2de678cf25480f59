package com.agentwallex.auth.signin;

import com.agentwallex.common.ratelimit.RateLimitedException;
import com.agentwallex.common.web.ClientContext;
import com.agentwallex.common.web.ProblemMapper;
import com.agentwallex.contract.problem.InvalidParameterException;
import com.agentwallex.auth.events.AuthReason;
import com.agentwallex.auth.token.Pkce;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
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

    /** Longer than the sign-in can take: quarkus-oidc's state lives 5 minutes, the exchange code 60 seconds. */
    private static final Duration BROWSER_COOKIE_AGE = Duration.ofMinutes(10);

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
            if (refusal.reason() == AuthReason.PKCE_REQUIRED) {
                bindToThisBrowser(ctx);
                return;
            }
            ClientContext client = ClientContext.of(ctx);
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

    /**
     * A plain link to the start (the seed's {@code GET /auth/google/redirect}) cannot send a
     * challenge, yet its code must still be useless in any other browser (login CSRF). We make the
     * verifier ourselves, keep it in an HttpOnly cookie of this sign-in's own, and start again with
     * its challenge: the exchange then takes the verifier from the cookie of the same browser. Over
     * HTTPS (the scheme a trusted proxy forwarded counts) a {@code __Host-} cookie.
     */
    private static void bindToThisBrowser(RoutingContext ctx) {
        String verifier = Pkce.newVerifier();
        String challenge = Pkce.challengeOf(verifier);
        String query = ctx.request().query();
        String location = GoogleSignInResource.REDIRECT_PATH + "?" + (query == null || query.isEmpty() ? "" : query + "&")
                + "code_challenge=" + challenge + "&code_challenge_method=" + Pkce.METHOD;
        boolean https = "https".equals(ctx.request().scheme());
        Cookie cookie = https
                ? Cookie.cookie(Pkce.BROWSER_COOKIE_PREFIX_HTTPS + Pkce.tagOf(challenge), verifier).setPath("/").setSecure(true)
                : Cookie.cookie(Pkce.BROWSER_COOKIE_PREFIX_HTTP + Pkce.tagOf(challenge), verifier).setPath(Pkce.BROWSER_COOKIE_PATH_HTTP);
        ctx.response().addCookie(cookie.setMaxAge(BROWSER_COOKIE_AGE.toSeconds()).setHttpOnly(true).setSameSite(CookieSameSite.STRICT))
                .putHeader("Location", location).putHeader("Cache-Control", "no-store")
                .setStatusCode(302).end();
    }

    private static Map<String, List<String>> query(RoutingContext ctx) {
        Map<String, List<String>> query = new HashMap<>();
        for (String name : ctx.queryParams().names()) {
            query.put(name, ctx.queryParam(name));
        }
        return query;
    }
}
