package com.agentwallex.contract.events;

import com.agentwallex.contract.WireNamed;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One authentication event as a CloudEvents 1.0 document (SPEC §3). {@code traceparent} is the
 * CloudEvents distributed-tracing extension, so an audit row leads back to the request's trace.
 */
public record AuthEvent(
        UUID id,
        String source,
        AuthEventType type,
        Instant time,
        String subject,
        String traceparent,
        Data data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/json";

    public AuthEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(data, "data");
    }

    /** A new event with a fresh id, stamped now; the subject is the actor's id. */
    public static AuthEvent create(String source, AuthEventType type, String traceparent, Data data) {
        return new AuthEvent(UUID.randomUUID(), source, type, Instant.now().truncatedTo(ChronoUnit.MICROS),
                data.actor().id(), traceparent, data);
    }

    /** The same event with other details (the codec reads them apart from the rest). */
    AuthEvent withDetails(Map<String, Object> details) {
        return new AuthEvent(id, source, type, time, subject, traceparent, new Data(data.orgId(), data.actor(),
                data.outcome(), data.reason(), data.clientIp(), data.userAgent(), data.requestId(), data.resource(),
                details));
    }

    public enum ActorType implements WireNamed {
        USER("user"), API_KEY("api_key"), SERVICE("service");

        private final String wireName;

        ActorType(String wireName) {
            this.wireName = wireName;
        }

        @Override
        public String wireName() {
            return wireName;
        }

        public static Optional<ActorType> fromWireName(String wireName) {
            return WireNamed.lookup(ActorType.class, wireName);
        }
    }

    public enum Outcome implements WireNamed {
        SUCCESS("success"), FAILURE("failure");

        private final String wireName;

        Outcome(String wireName) {
            this.wireName = wireName;
        }

        @Override
        public String wireName() {
            return wireName;
        }

        public static Optional<Outcome> fromWireName(String wireName) {
            return WireNamed.lookup(Outcome.class, wireName);
        }
    }

    public record Actor(ActorType type, String id) {
        public Actor {
            Objects.requireNonNull(type, "actor.type");
            Objects.requireNonNull(id, "actor.id");
        }
    }

    public record Resource(String type, String id) {
        public Resource {
            Objects.requireNonNull(type, "resource.type");
            Objects.requireNonNull(id, "resource.id");
        }
    }

    /** The {@code data} member; {@code details} holds type-specific facts (never secrets). */
    public record Data(
            String orgId,
            Actor actor,
            Outcome outcome,
            String reason,
            String clientIp,
            String userAgent,
            String requestId,
            Resource resource,
            Map<String, Object> details) {

        public Data {
            Objects.requireNonNull(orgId, "data.org_id");
            Objects.requireNonNull(actor, "data.actor");
            Objects.requireNonNull(outcome, "data.outcome");
            details = details == null || details.isEmpty() ? Map.of()
                    : Collections.unmodifiableMap(new LinkedHashMap<>(details));
        }
    }
}
