package com.agentwallex.common.auth;

import com.agentwallex.contract.events.AuthTopics;
import com.agentwallex.common.kafka.KafkaClients;
import com.agentwallex.contract.revocation.ApiKeyRevocation;
import com.agentwallex.contract.revocation.SessionRevocation;
import com.agentwallex.common.revocation.TopicFollower;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * Both revocation streams. Session revocations are read from the beginning of their compacted
 * topic at start-up, so a restarted service still knows every session ended while it was down;
 * until it has caught up it refuses to judge access tokens (503, never a wrong 200). Key
 * revocations evict cached verify answers (fired as CDI events for whichever caches the service
 * has: common's, and apikey-service's own) and void agent tokens made before them, so they are read
 * from as far back as an agent token lives.
 */
@Singleton
@IfBuildProperty(name = "awx.request-auth.enabled", stringValue = "true")
class RevocationFeed {

    private static final Logger LOG = Logger.getLogger(RevocationFeed.class);

    private static final Duration KEY_CHANGES_MATTER = AgentTokens.MAX_LIFETIME.plus(AccessTokenVerifier.CLOCK_SKEW);

    private final RevokedSessions revokedSessions = new RevokedSessions(AccessTokenVerifier.CLOCK_SKEW);
    private final RevokedKeys revokedKeys = new RevokedKeys(KEY_CHANGES_MATTER);
    private final Event<ApiKeyRevocation> keyRevoked;
    private final TopicFollower follower;
    private volatile boolean caughtUp;

    RevocationFeed(KafkaClients kafka, Event<ApiKeyRevocation> keyRevoked) {
        this.keyRevoked = keyRevoked;
        this.follower = new TopicFollower(kafka, "awx-request-auth-revocations",
                List.of(AuthTopics.SESSION_REVOCATIONS), List.of(AuthTopics.API_KEY_REVOCATIONS),
                KEY_CHANGES_MATTER.plus(RevokedKeys.STALE_ANSWERS), // an ended key's entry lives that much longer
                this::apply, () -> {
                    caughtUp = true;
                    LOG.infof("revocations loaded: %d sessions ended, %d keys changed recently", revokedSessions.size(),
                            revokedKeys.size());
                });
    }

    /** Whether an agent token of this key, issued then, was made before its key changed, or its key has ended. */
    boolean agentTokenVoid(String keyId, String orgId, Instant issuedAt) {
        return revokedKeys.voids(keyId, orgId, issuedAt, Instant.now());
    }

    /** False until every revocation published before start-up (key changes: recent ones) has been read. */
    boolean caughtUp() {
        return caughtUp;
    }

    /**
     * Not ready until every session ended before start-up is known: a load balancer keeps traffic
     * away from a fresh replica that would otherwise have to answer 503 to token holders.
     */
    @Produces
    @Readiness
    @Singleton
    HealthCheck readiness() {
        return () -> HealthCheckResponse.named("session-revocations").status(caughtUp).build();
    }

    boolean sessionRevoked(String sessionId) {
        return revokedSessions.isRevoked(sessionId, Instant.now());
    }

    void start(@Observes StartupEvent event) {
        follower.start("awx-revocations");
    }

    void stop(@Observes ShutdownEvent event) {
        follower.stop();
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (AuthTopics.SESSION_REVOCATIONS.equals(record.topic())) {
            revokedSessions.add(SessionRevocation.decode(record.value()), Instant.now());
        } else {
            ApiKeyRevocation revocation = ApiKeyRevocation.decode(record.value());
            revokedKeys.add(revocation, Instant.now());
            // as a CDI event: every cache of verify answers in this service observes it
            keyRevoked.fire(revocation);
        }
    }
}
