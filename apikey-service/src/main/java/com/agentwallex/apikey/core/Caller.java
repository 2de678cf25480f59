package com.agentwallex.apikey.core;

import com.agentwallex.common.auth.AwxPrincipal;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import java.util.Locale;

/** The signed-in user managing keys: their organization and plan come from the access token. */
public record Caller(String orgId, String userId, String plan) {

    public static Caller of(SecurityIdentity identity) {
        AwxPrincipal principal = AwxPrincipal.of(identity);
        if (!principal.isUser()) {
            throw new ForbiddenException();
        }
        String plan = principal.plan();
        return new Caller(principal.orgId(), principal.actorId(), plan == null ? "free" : plan.toLowerCase(Locale.ROOT));
    }
}
