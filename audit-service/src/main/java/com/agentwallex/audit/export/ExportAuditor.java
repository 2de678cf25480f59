package com.agentwallex.audit.export;

import com.agentwallex.audit.query.AuditFilter;
import com.agentwallex.common.auth.AwxPrincipal;
import com.agentwallex.contract.events.AuthEvent;
import com.agentwallex.common.events.AuthEventBuilder;
import com.agentwallex.common.events.AuthEventPublisher;
import com.agentwallex.contract.events.AuthEventType;
import com.agentwallex.common.kafka.KafkaClients;
import com.agentwallex.common.web.ClientContext;
import com.agentwallex.contract.problem.UnavailableException;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * {@code audit.exported}, on the auth-events topic like every other event, so it is chained in
 * the organization's log like the rest. Sent before the first byte of the export and waited for:
 * an export that cannot be recorded is refused (503), never served unaudited.
 */
@ApplicationScoped
class ExportAuditor {

    static final String SOURCE = "audit-service";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final KafkaProducer<String, byte[]> producer;
    private final AuthEventPublisher publisher;

    ExportAuditor(KafkaClients kafka) {
        this.producer = kafka.reliableProducer("audit-service-export", AuthEventPublisher.TUNING);
        this.publisher = new AuthEventPublisher(producer);
    }

    void exported(AwxPrincipal caller, ClientContext client, AuditFilter filter, ExportFormat format) {
        AuthEvent.ActorType actor = caller.isUser() ? AuthEvent.ActorType.USER : AuthEvent.ActorType.API_KEY;
        AuthEvent event = AuthEventBuilder.event(SOURCE, AuthEventType.AUDIT_EXPORTED).org(caller.orgId())
                .actor(actor, caller.actorId()).client(client.ip(), client.userAgent(), client.requestId())
                .resource(new AuthEvent.Resource("audit_log", caller.orgId())).details(details(filter, format)).build();
        try {
            publisher.publish(event).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("The export could not be recorded in the audit log; retry.", 5);
        } catch (ExecutionException | TimeoutException e) {
            throw new UnavailableException("The export could not be recorded in the audit log; retry.", 5);
        }
    }

    /** What was exported: the format and each filter given. */
    private static Map<String, Object> details(AuditFilter filter, ExportFormat format) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("format", format.wireName());
        if (filter.type() != null) {
            details.put("type", filter.type().wireName());
        }
        if (filter.actorId() != null) {
            details.put("actor_id", filter.actorId());
        }
        if (filter.outcome() != null) {
            details.put("outcome", filter.outcome().wireName());
        }
        if (filter.ip() != null) {
            details.put("ip", filter.ip());
        }
        if (filter.from() != null) {
            details.put("from", filter.from().toString());
        }
        if (filter.to() != null) {
            details.put("to", filter.to().toString());
        }
        if (filter.afterSeq() != null) {
            details.put("after_seq", filter.afterSeq());
        }
        return details;
    }

    void stop(@Observes ShutdownEvent event) {
        producer.close(Duration.ofSeconds(2));
    }
}
