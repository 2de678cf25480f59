package com.agentwallex.audit.retention;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "awx.audit.retention")
interface RetentionConfig {

    /** Whole months older than this are dropped; the database refuses to drop anything younger (V2__retention_floor.sql). */
    @WithDefault("365")
    int days();

    /** Monthly partitions kept ready ahead of time. */
    @WithDefault("3")
    int monthsAhead();
}
