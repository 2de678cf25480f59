package com.agentwallex.auth.signin;

import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Optional;
import java.util.function.Function;
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
        return typed(token, claim, value -> switch (value) {
            case Boolean b -> b;
            case JsonValue json when json == JsonValue.TRUE || json == JsonValue.FALSE -> json == JsonValue.TRUE;
            default -> null;
        });
    }

    /** Empty when absent; {@link WrongShape} when not a JSON string. */
    static Optional<String> string(JsonWebToken token, String claim) {
        return typed(token, claim, value -> switch (value) {
            case String s -> s;
            case JsonString s -> s.getString();
            default -> null;
        });
    }

    /** Empty when absent; {@link WrongShape} when {@code shape} has no reading of the value (answers null). */
    private static <T> Optional<T> typed(JsonWebToken token, String claim, Function<Object, T> shape) {
        Object value = token.getClaim(claim);
        if (value == null) {
            return Optional.empty();
        }
        T read = shape.apply(value);
        if (read == null) {
            throw new WrongShape(claim);
        }
        return Optional.of(read);
    }
}
