package com.agentwallex.audit.ingest;

import com.agentwallex.contract.events.AuthTopics;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "awx.audit.ingest")
public interface IngestConfig {

    /** Off for processes that only serve queries. */
    @WithDefault("true")
    boolean enabled();

    @WithDefault(AuthTopics.AUTH_EVENTS)
    String topic();

    @WithDefault(AuthTopics.AUTH_EVENTS_DLQ)
    String deadLetterTopic();

    @WithDefault("audit-service")
    String groupId();

    /**
     * Consumers in this process, each on its own thread and share of the partitions: while one
     * waits on PostgreSQL another decodes. More than the cores only shrinks batches (bench/).
     */
    @WithDefault("2")
    int consumers();

    /** Records per poll, and so the largest batch written in one statement. */
    @WithDefault("2000")
    int maxBatch();

    @WithDefault("PT0.5S")
    Duration pollTimeout();

    /** Ceiling of the back-off while PostgreSQL or Kafka cannot take a batch. */
    @WithDefault("PT5S")
    Duration maxRetryBackoff();
}
