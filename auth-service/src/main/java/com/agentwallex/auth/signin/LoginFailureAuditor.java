package com.agentwallex.auth.signin;

import com.agentwallex.auth.events.AuthReason;
import com.agentwallex.common.web.ClientContext;
import io.quarkus.security.AuthenticationRedirectException;
import io.quarkus.security.spi.runtime.AuthenticationFailureEvent;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import java.util.Map;

/**
 * Provider answers that quarkus-oidc refuses (bad state, ID token with a wrong issuer, audience,
 * signature, nonce or expiry) never reach our resources; they surface as security events, and
 * each becomes an {@code auth.login.failed} audit event. Observed asynchronously: the
 * failure happens on the event loop, the outbox write needs a worker thread.
 */
@ApplicationScoped
class LoginFailureAuditor {

    private final SignInService signIn;

    LoginFailureAuditor(SignInService signIn) {
        this.signIn = signIn;
    }

    /**
     * quarkus-oidc finishes every successful callback by redirecting to the page the sign-in
     * started from, and reports that redirect as an authentication "failure": it is none.
     */
    private static boolean isRedirect(Throwable failure) {
        return failure instanceof AuthenticationRedirectException;
    }

    void onFailure(@ObservesAsync AuthenticationFailureEvent event) {
        RoutingContext routing = event.getEventProperties().values().stream()
                .filter(RoutingContext.class::isInstance).map(RoutingContext.class::cast).findFirst().orElse(null);
        if (routing == null || !routing.normalizedPath().startsWith("/auth/google/") || isRedirect(event.getAuthenticationFailure())) {
            return;
        }
        signIn.refuse(AuthReason.PROVIDER_RESPONSE_REJECTED, ClientContext.of(routing.request()),
                Map.of("path", routing.normalizedPath()));
    }
}
