package com.agentwallex.audit.export;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "awx.audit.export")
interface ExportConfig {

    /** Exports an organization may start per window, per replica: each reads its whole history. */
    @WithDefault("10")
    int perOrganization();

    @WithDefault("PT1H")
    Duration window();

    /** Rows read per query: an export holds at most two pages (the next is read while one is written). */
    @WithDefault("2000")
    int pageSize();
}
