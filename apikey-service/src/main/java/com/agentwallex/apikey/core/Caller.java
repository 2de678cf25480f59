package com.agentwallex.apikey.core;

import io.quarkus.security.ForbiddenException;
import java.util.Locale;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The signed-in user managing keys: their organization and plan come from the access token. */
public record Caller(String orgId, String userId, String plan) {

    public static Caller of(JsonWebToken token) {
        String org = token.getClaim("org_id");
        if (org == null || org.isBlank() || token.getSubject() == null) {
            throw new ForbiddenException();
        }
        String plan = token.getClaim("plan");
        return new Caller(org, token.getSubject(), plan == null ? "free" : plan.toLowerCase(Locale.ROOT));
    }
}
