package com.agentwallex.audit.retention;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "awx.audit.retention")
interface RetentionConfig {

    /**
     * How long enterprise organizations' events are kept, at least 365 days (free keep 30 and growth
     * 365, fixed); the database refuses to drop anything younger (V6__retention_by_plan.sql, afterMigrate.sql).
     */
    @WithDefault("2555")
    int enterpriseDays();

    /** Monthly partitions kept ready ahead of time. */
    @WithDefault("3")
    int monthsAhead();
}
