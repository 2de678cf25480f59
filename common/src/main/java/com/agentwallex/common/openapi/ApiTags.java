package com.agentwallex.common.openapi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The groups the public API's operations are listed under. A generated client names its classes
 * after them ({@code ApiKeysApi}, {@code AuditLogApi}), so they name what a customer works with,
 * never our resource classes. Resources put theirs on the class with {@code @Tag(name = ApiTags.…)};
 * {@link ApiConventions} writes the descriptions, so the merged public document describes each tag
 * once whichever service uses it, and lists them in {@link #ORDER}.
 */
public final class ApiTags {

    public static final String SIGN_IN = "Sign-in";
    public static final String TOKENS = "Tokens";
    public static final String SESSIONS = "Sessions";
    public static final String API_KEYS = "API keys";
    public static final String AUDIT_LOG = "Audit log";
    public static final String SECRET_SCANNING = "Secret scanning";
    public static final String DISCOVERY = "Discovery";

    static final Map<String, String> DESCRIPTIONS = descriptions();
    /** The order a reader meets them in; the merged public document lists its tags so. */
    public static final List<String> ORDER = List.copyOf(DESCRIPTIONS.keySet());

    private ApiTags() {
    }

    private static Map<String, String> descriptions() {
        Map<String, String> descriptions = new LinkedHashMap<>();
        descriptions.put(SIGN_IN, "Signing in with Google: the browser ends on return_to with a one-time exchange code");
        descriptions.put(TOKENS, "Access and refresh tokens for signed-in users; short-lived agent tokens for API keys");
        descriptions.put(SESSIONS, "Who is calling, and the signed-in user's sessions");
        descriptions.put(API_KEYS, "awx_ API keys: create, list, rotate with overlap, revoke; the rotation policy; usage");
        descriptions.put(AUDIT_LOG, "The organization's authentication events: pages, export, and the signed hash chain "
                + "that proves an export complete and unchanged");
        descriptions.put(SECRET_SCANNING, "Leaked-token reports from secret-scanning partners");
        descriptions.put(DISCOVERY, "Public keys and authorization-server metadata, for checking our tokens offline");
        return Collections.unmodifiableMap(descriptions);
    }
}
