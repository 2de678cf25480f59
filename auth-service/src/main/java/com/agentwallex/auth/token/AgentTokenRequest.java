package com.agentwallex.auth.token;

import com.agentwallex.common.auth.AgentTokens;
import com.agentwallex.common.web.OAuthException;
import com.agentwallex.contract.apikey.ApiKeyFormat;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An RFC 8693 token exchange as the form says it, checked for shape: the grant type, the API key
 * as {@code subject_token} (or in X-API-Key), and what the caller narrows: {@code scope},
 * {@code audience}, {@code expires_in}, and the {@code agent_id}/{@code run_id} it names.
 */
record AgentTokenRequest(String subjectToken, Set<String> scopes, String audience, String agentId, String runId,
                         Duration ttl) {


    private static final Set<String> KNOWN = Set.of("grant_type", "subject_token", "subject_token_type",
            "requested_token_type", "scope", "audience", "resource", "actor_token", "actor_token_type", "agent_id",
            "run_id", "expires_in");
    /** RFC 6749's scope-token. */
    private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,64}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._:@/-]{1,128}");
    private static final int MAX_VALUE = 512;

    /**
     * The form as sent ({@code application/x-www-form-urlencoded}), read here rather than by the framework:
     * a bad percent-escape or an unknown charset is OAuth's invalid_request, where the framework's reader
     * threw a 500. Percent-escapes are UTF-8 (the WHATWG URL standard), whatever the Content-Type says.
     */
    static AgentTokenRequest parse(byte[] body) {
        MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
        for (String pair : new String(body == null ? new byte[0] : body, StandardCharsets.UTF_8).split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                form.add(decoded(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decoded(pair.substring(eq + 1)));
            }
        }
        return parse(form);
    }

    private static String decoded(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw OAuthException.invalidRequest("the form is not valid percent-encoding");
        }
    }

    private static AgentTokenRequest parse(MultivaluedMap<String, String> form) {
        for (var parameter : form.entrySet()) {
            if (KNOWN.contains(parameter.getKey()) && parameter.getValue().size() > 1) {
                throw OAuthException.invalidRequest(parameter.getKey() + " is given more than once");
            }
            if (parameter.getValue().stream().anyMatch(v -> v != null && v.length() > MAX_VALUE)) {
                throw OAuthException.invalidRequest(parameter.getKey() + " is too long");
            }
        }
        String grantType = one(form, "grant_type");
        if (grantType == null) {
            throw OAuthException.invalidRequest("grant_type is required");
        }
        if (!AgentTokens.GRANT_TYPE.equals(grantType)) {
            throw new OAuthException(400, "unsupported_grant_type", "Only " + AgentTokens.GRANT_TYPE + " is supported here");
        }
        String subjectToken = one(form, "subject_token");
        if (subjectToken != null && !AgentTokens.API_KEY_TOKEN_TYPE.equals(one(form, "subject_token_type"))) {
            throw OAuthException.invalidRequest("subject_token_type must be " + AgentTokens.API_KEY_TOKEN_TYPE);
        }
        if (one(form, "actor_token") != null || one(form, "actor_token_type") != null) {
            throw OAuthException.invalidRequest("actor tokens are not supported; name the agent with agent_id");
        }
        String requested = one(form, "requested_token_type");
        if (requested != null && !AgentTokens.ACCESS_TOKEN_TYPE.equals(requested)) {
            throw OAuthException.invalidRequest("requested_token_type can only be " + AgentTokens.ACCESS_TOKEN_TYPE);
        }
        if (one(form, "resource") != null) {
            throw new OAuthException(400, "invalid_target", "resource is not supported; name the API with audience");
        }
        return new AgentTokenRequest(subjectToken, scopes(one(form, "scope")), one(form, "audience"),
                name(form, "agent_id"), name(form, "run_id"), ttl(one(form, "expires_in")));
    }

    /** Null when the caller asked for no narrowing: the key's scopes. */
    private static Set<String> scopes(String scope) {
        if (scope == null) {
            return null;
        }
        Set<String> scopes = new LinkedHashSet<>();
        for (String token : List.of(scope.split(" ", -1))) {
            if (!SCOPE_TOKEN.matcher(token).matches()) {
                throw new OAuthException(400, "invalid_scope", "scope must be scope names separated by single spaces");
            }
            scopes.add(token);
        }
        return scopes;
    }

    private static String name(MultivaluedMap<String, String> form, String parameter) {
        String value = one(form, parameter);
        if (value != null && !NAME.matcher(value).matches()) {
            throw OAuthException.invalidRequest(parameter + " must be 1 to 128 letters, digits or . _ : @ / -");
        }
        if (ApiKeyFormat.appearsIn(value)) {
            // It is carried in the token and audited: a pasted key would go wherever they go.
            throw OAuthException.invalidRequest(parameter + " must not contain an API key");
        }
        return value;
    }

    private static Duration ttl(String expiresIn) {
        if (expiresIn == null) {
            return null;
        }
        try {
            long seconds = Long.parseLong(expiresIn);
            if (seconds < 1) {
                throw OAuthException.invalidRequest("expires_in must be a positive number of seconds");
            }
            return Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            throw OAuthException.invalidRequest("expires_in must be a whole number of seconds");
        }
    }

    private static String one(MultivaluedMap<String, String> form, String parameter) {
        String value = form.getFirst(parameter);
        return value == null || value.isEmpty() ? null : value;
    }
}
