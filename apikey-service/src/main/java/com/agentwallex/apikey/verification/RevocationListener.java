package com.agentwallex.apikey.verification;

import com.agentwallex.common.events.AuthTopics;
import com.agentwallex.common.revocation.ApiKeyRevocation;
import com.agentwallex.common.revocation.TopicFollower;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Every replica reads every key revocation from the end of the topic as it stands at start-up:
 * its caches start empty, so nothing older matters. While Kafka is away the cache's short
 * lifetime bounds how long a revoked key can still pass.
 */
@Singleton
class RevocationListener {

    private static final Logger LOG = Logger.getLogger(RevocationListener.class);

    private final KeyCache cache;
    private final TopicFollower follower;

    RevocationListener(KeyCache cache, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap) {
        this.cache = cache;
        this.follower = new TopicFollower(bootstrap, "apikey-service-revocations", List.of(),
                List.of(AuthTopics.API_KEY_REVOCATIONS), this::apply, () -> LOG.debug("listening for key revocations"));
    }

    void start(@Observes StartupEvent event) {
        follower.start("apikey-revocations");
    }

    void stop(@Observes ShutdownEvent event) {
        follower.stop();
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        cache.invalidate(ApiKeyRevocation.decode(record.value()));
    }
}
