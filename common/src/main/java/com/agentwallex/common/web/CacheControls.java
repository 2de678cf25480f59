package com.agentwallex.common.web;

import jakarta.ws.rs.core.CacheControl;

/** The Cache-Control values the services answer with, built one way. */
public final class CacheControls {

    private CacheControls() {
    }

    /** For answers that carry a secret (tokens, a new API key): no cache anywhere may keep them. */
    public static CacheControl noStore() {
        CacheControl cache = new CacheControl();
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
