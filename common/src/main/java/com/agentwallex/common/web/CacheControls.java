package com.agentwallex.common.web;

import jakarta.ws.rs.core.CacheControl;

/** The Cache-Control values the services answer with, built one way. */
public final class CacheControls {

    private CacheControls() {
    }

    /**
     * For answers that carry a secret (tokens, a new API key): no cache anywhere may keep them. Written
     * {@code no-store} alone, as RFC 6749 §5.1 has it (JAX-RS would add {@code no-transform} by default).
     */
    public static CacheControl noStore() {
        CacheControl cache = new CacheControl();
        cache.setNoTransform(false);
        cache.setNoStore(true);
        return cache;
    }

    /** For public documents (key sets, issuer metadata) that any cache may keep for {@code seconds}. */
    public static CacheControl maxAge(int seconds) {
        CacheControl cache = new CacheControl();
        cache.setMaxAge(seconds);
        return cache;
    }
}
