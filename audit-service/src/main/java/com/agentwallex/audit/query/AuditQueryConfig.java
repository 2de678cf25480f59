package com.agentwallex.audit.query;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

@ConfigMapping(prefix = "awx.audit.query")
interface AuditQueryConfig {

    /**
     * Signs page cursors. Every replica needs the same value; without one, a random per-process
     * secret is used and cursors only work against the process that issued them.
     */
    Optional<String> cursorSecret();
}
