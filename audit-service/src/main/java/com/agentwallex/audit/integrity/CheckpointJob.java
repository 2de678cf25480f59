package com.agentwallex.audit.integrity;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jboss.logging.Logger;

/**
 * Signs the head of every chain that moved since its last checkpoint (default every minute,
 * {@code awx.audit.integrity.checkpoint-every}); a quiet organization gets no new checkpoint.
 */
@ApplicationScoped
class CheckpointJob {

    private static final Logger LOG = Logger.getLogger(CheckpointJob.class);

    private final IntegrityRepository repository;
    private final CheckpointKeys keys;

    CheckpointJob(IntegrityRepository repository, CheckpointKeys keys) {
        this.repository = repository;
        this.keys = keys;
    }

    @Scheduled(every = "${awx.audit.integrity.checkpoint-every:60s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        try {
            checkpoint();
        } catch (RuntimeException e) {
            LOG.warnf("audit checkpoints not signed this round, will retry: %s", e.toString());
        }
    }

    /** @return how many heads were signed. */
    int checkpoint() {
        int signed = 0;
        for (IntegrityRepository.Head head : repository.unsignedHeads()) {
            Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
            String payload = Checkpoints.payload(head.orgId(), head.seq(), head.hash(), at);
            repository.insert(head.orgId(), new IntegrityRepository.Checkpoint(head.seq(), head.hash(), at, keys.kid(),
                    keys.sign(payload)));
            signed++;
        }
        return signed;
    }

}
