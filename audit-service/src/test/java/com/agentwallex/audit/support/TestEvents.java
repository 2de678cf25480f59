package com.agentwallex.audit.support;

import com.agentwallex.contract.events.AuthEvent;
import com.agentwallex.contract.events.AuthEvent.Actor;
import com.agentwallex.contract.events.AuthEvent.ActorType;
import com.agentwallex.contract.events.AuthEvent.Data;
import com.agentwallex.contract.events.AuthEvent.Outcome;
import com.agentwallex.contract.events.AuthEventType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

public final class TestEvents {

    private TestEvents() {
    }

    public static String newOrg() {
        return "org_" + UUID.randomUUID();
    }

    public static AuthEvent event(String orgId, AuthEventType type, Outcome outcome, Instant time) {
        return new AuthEvent(UUID.randomUUID(), type.soleSource().orElse("auth-service"), type, time.truncatedTo(ChronoUnit.MICROS), "usr_1", null,
                new Data(orgId, new Actor(ActorType.USER, "usr_1"), outcome, outcome == Outcome.FAILURE ? "bad_state" : null,
                        "203.0.113.9", "curl/8.5", "req-" + UUID.randomUUID(), null, Map.of("attempt", 1)));
    }

    public static AuthEvent event(String orgId) {
        return event(orgId, AuthEventType.LOGIN_SUCCEEDED, Outcome.SUCCESS, Instant.now());
    }
}
