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

    /**
     * Bytes one fetch brings of a partition (the consumers' max.partition.fetch.bytes; Kafka's default is
     * 1 MiB). What is fetched stays on the heap until polled, up to this much for every partition a
     * consumer owns, and the last fetch of a partition stays until that partition has more: while
     * draining a backlog that is held through young collections and promoted, so it fills the old
     * generation of the small heap we run with (deploy/jvm-options). 512 KiB is ~3,000 events as our
     * publishers send them (lz4, ~170 bytes an event in bench/audit-ingest), more than one batch of
     * max-batch, so a poll still gets a full batch from a single partition.
     */
    @WithDefault("524288")
    int maxPartitionFetchBytes();

    @WithDefault("PT0.5S")
    Duration pollTimeout();

    /** Ceiling of the back-off while PostgreSQL or Kafka cannot take a batch. */
    @WithDefault("PT5S")
    Duration maxRetryBackoff();
}
