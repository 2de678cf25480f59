package com.agentwallex.auth.signin;

import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The ID token's claims, each only in the type OpenID Connect gives it: {@code email_verified} a
 * boolean, {@code email} and {@code name} strings. A provider (or someone in between) that sends
 * another shape, e.g. {@code "email_verified": "true"}, gets a refused sign-in, never a guess.
 */
final class ProviderClaims {

    /** A claim present in a shape its definition does not allow. */
    static final class WrongShape extends RuntimeException {
        private final String claim;

        WrongShape(String claim) {
            super("claim " + claim + " has the wrong type", null, false, false);
            this.claim = claim;
        }

        String claim() {
            return claim;
        }
    }

    private ProviderClaims() {
    }

    /** Empty when absent; {@link WrongShape} when not a JSON boolean. */
    static Optional<Boolean> bool(JsonWebToken token, String claim) {
        Object value = token.getClaim(claim);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Boolean b) {
            return Optional.of(b);
        }
        if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
            return Optional.of(value == JsonValue.TRUE);
        }
        throw new WrongShape(claim);
    }

    /** Empty when absent; {@link WrongShape} when not a JSON string. */
    static Optional<String> string(JsonWebToken token, String claim) {
        Object value = token.getClaim(claim);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof String s) {
            return Optional.of(s);
        }
        if (value instanceof JsonString s) {
            return Optional.of(s.getString());
        }
        throw new WrongShape(claim);
    }
}
