package com.agentwallex.apikey.support;

import com.agentwallex.contract.events.AuthEvent;
import com.agentwallex.contract.events.AuthEventCodec;
import com.agentwallex.contract.events.AuthTopics;
import com.agentwallex.contract.events.InvalidEventException;
import com.agentwallex.common.testing.TopicReader;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/** The auth-events topic as an auditor reads it, with the standard Kafka consumer. */
public final class PublishedEvents {

    private PublishedEvents() {
    }

    /** The events matching {@code filter} once there are at least {@code count} of them (counted events by their count). */
    public static List<AuthEvent> await(Predicate<AuthEvent> filter, long count) {
        AtomicReference<List<AuthEvent>> found = new AtomicReference<>(List.of());
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
            found.set(all(filter));
            return counted(found.get()) >= count;
        });
        return found.get();
    }

    /** How many uses or failures the events stand for: a counted event by its count, any other as one. */
    public static long counted(List<AuthEvent> events) {
        return events.stream().mapToLong(e -> ((Number) e.data().details().getOrDefault("count", 1)).longValue()).sum();
    }

    /** What is on the topic now that matches. */
    public static List<AuthEvent> all(Predicate<AuthEvent> filter) {
        return TopicReader.readAll(AuthTopics.AUTH_EVENTS, r -> true).stream()
                .flatMap(r -> readable(r.value()).stream()).filter(filter).toList();
    }

    /** The topic also holds other tests' deliberately broken records (dead-letter tests): skip them. */
    private static Optional<AuthEvent> readable(byte[] value) {
        try {
            return Optional.of(AuthEventCodec.decode(value));
        } catch (InvalidEventException e) {
            return Optional.empty();
        }
    }
}
