package com.agentwallex.audit.integrity;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Signs the head of every chain that moved since its last checkpoint (default every minute,
 * {@code awx.audit.integrity.checkpoint-every}); a quiet organization gets no new checkpoint.
 * IntegrityService does the signing on this scheduler thread; a failed round is retried at the next.
 */
@ApplicationScoped
class CheckpointJob {

    private static final Logger LOG = Logger.getLogger(CheckpointJob.class);

    private final IntegrityService service;

    CheckpointJob(IntegrityService service) {
        this.service = service;
    }

    @Scheduled(every = "${awx.audit.integrity.checkpoint-every:60s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        try {
            service.checkpoint();
        } catch (RuntimeException e) {
            LOG.warnf("audit checkpoints not signed this round, will retry: %s", e.toString());
        }
    }
}
