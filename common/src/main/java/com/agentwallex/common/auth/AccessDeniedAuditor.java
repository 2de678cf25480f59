package com.agentwallex.common.auth;

import com.agentwallex.contract.apikey.ApiKeyFormat;
import com.agentwallex.contract.events.AuthEvent;
import com.agentwallex.common.events.AuthEventBuilder;
import com.agentwallex.common.events.AuthEventPublisher;
import com.agentwallex.contract.events.AuthEventType;
import com.agentwallex.common.kafka.KafkaClients;
import com.agentwallex.common.web.AccessDenied;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * {@code access.denied} for every 403: the caller was known but not allowed. Sent straight to
 * Kafka (nothing changed state, so there is no transaction to join); a lost event is logged.
 */
@Singleton
@IfBuildProperty(name = "awx.request-auth.enabled", stringValue = "true")
class AccessDeniedAuditor {

    private static final Logger LOG = Logger.getLogger(AccessDeniedAuditor.class);

    private final String source;
    private final KafkaProducer<String, byte[]> producer;
    private final AuthEventPublisher publisher;

    AccessDeniedAuditor(KafkaClients kafka) {
        this.source = ConfigProvider.getConfig().getOptionalValue("quarkus.application.name", String.class).orElse("agentwallex");
        this.producer = kafka.reliableProducer(source + "-access-denied", AuthEventPublisher.TUNING);
        this.publisher = new AuthEventPublisher(producer);
    }

    void onDenied(@Observes AccessDenied denied) {
        if (!(denied.principal() instanceof AwxPrincipal principal)) {
            return;
        }
        AuthEvent.ActorType actor = principal.isUser() ? AuthEvent.ActorType.USER : AuthEvent.ActorType.API_KEY;
        AuthEvent event = AuthEventBuilder.event(source, AuthEventType.ACCESS_DENIED).org(principal.orgId())
                .actor(actor, principal.actorId()).outcome(AuthEvent.Outcome.FAILURE, "insufficient_scope")
                .client(denied.clientIp(), null, denied.requestId())
                // the path as the caller wrote it, but never a key pasted into it: no event may hold one
                .resource(new AuthEvent.Resource("endpoint", denied.method() + " " + ApiKeyFormat.maskedIn(denied.path()))).build();
        publisher.publish(event).whenComplete((metadata, error) -> {
            if (error != null) {
                LOG.warnf("access.denied event for %s not delivered: %s", principal.actorId(), error.toString());
            }
        });
    }

    void stop(@Observes ShutdownEvent event) {
        producer.close(Duration.ofSeconds(2));
    }
}
