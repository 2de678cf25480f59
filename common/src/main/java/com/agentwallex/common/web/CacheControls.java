package com.agentwallex.common.web;

import jakarta.ws.rs.core.CacheControl;

/** For answers that carry a secret (tokens, a new API key): no cache anywhere may keep them. */
public final class CacheControls {

    private CacheControls() {
    }

    public static CacheControl noStore() {
        CacheControl cache = new CacheControl();
        cache.setNoStore(true);
        return cache;
    }
}
