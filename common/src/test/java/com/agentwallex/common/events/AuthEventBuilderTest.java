package com.agentwallex.common.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.within;

import com.agentwallex.contract.events.AuthEvent.ActorType;
import com.agentwallex.contract.events.AuthEvent.Outcome;
import com.agentwallex.contract.events.AuthEvent.Resource;
import com.agentwallex.contract.events.AuthEvent;
import com.agentwallex.contract.events.AuthEventType;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthEventBuilderTest {

    @Test
    void anEventCarriesTheSourceTheCurrentTraceAndEveryPartItWasGiven() {
        SpanContext span = SpanContext.create("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
                TraceFlags.getSampled(), TraceState.getDefault());
        AuthEvent event;
        Scope scope = Span.wrap(span).makeCurrent();
        try {
            event = AuthEventBuilder.event("auth-service", AuthEventType.TOKEN_EXCHANGE_FAILED).org("org_1")
                    .actor(ActorType.USER, "usr_1").outcome(Outcome.FAILURE, "code_reused")
                    .client("203.0.113.7", "curl/8", "req_1").resource(new Resource("session", "ses_1"))
                    .details(Map.of("k", "v")).build();
        } finally {
            scope.close();
        }
        assertThat(event.source()).isEqualTo("auth-service");
        assertThat(event.type()).isEqualTo(AuthEventType.TOKEN_EXCHANGE_FAILED);
        assertThat(event.traceparent()).isEqualTo("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        assertThat(event.subject()).isEqualTo("usr_1");
        assertThat(event.time()).isCloseTo(Instant.now(), within(5, ChronoUnit.SECONDS));
        assertThat(event.data()).isEqualTo(new AuthEvent.Data("org_1", new AuthEvent.Actor(ActorType.USER, "usr_1"),
                Outcome.FAILURE, "code_reused", "203.0.113.7", "curl/8", "req_1", new Resource("session", "ses_1"),
                Map.of("k", "v")));
    }

    @Test
    void unsaidPartsAreASuccessOfNoOrganizationWithoutClientResourceOrDetails() {
        AuthEvent event = AuthEventBuilder.event("apikey-service", AuthEventType.API_KEY_USED)
                .actor(ActorType.API_KEY, "key_1").build();
        assertThat(event.traceparent()).isNull();
        assertThat(event.data()).isEqualTo(new AuthEvent.Data(AuthEventBuilder.UNKNOWN_ORG,
                new AuthEvent.Actor(ActorType.API_KEY, "key_1"), Outcome.SUCCESS, null, null, null, null, null, Map.of()));
        assertThat(AuthEventBuilder.UNKNOWN_ORG).isEqualTo("_unknown");
    }

    @Test
    void anEventNeedsAnActor() {
        assertThatNullPointerException().isThrownBy(() -> AuthEventBuilder.event("s", AuthEventType.API_KEY_USED).build());
    }
}
