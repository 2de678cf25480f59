package com.agentwallex.apikey.tracing;

import static com.agentwallex.apikey.support.KeysApi.as;
import static com.agentwallex.apikey.support.KeysApi.body;
import static com.agentwallex.apikey.support.KeysApi.newOrg;
import static org.assertj.core.api.Assertions.assertThat;

import com.agentwallex.apikey.support.PublishedEvents;
import com.agentwallex.contract.events.AuthEvent;
import com.agentwallex.contract.events.AuthEventType;
import com.agentwallex.common.testing.TestJwtKeys;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = TestJwtKeys.class, scope = TestResourceScope.GLOBAL)
class TraceContextTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void theEventOfARequestCarriesTheCallersTraceIdInItsTraceparent() {
        String traceId = hex(16);
        String parentSpanId = hex(8);
        String org = newOrg();
        String keyId = as(org, "free").header("traceparent", "00-" + traceId + "-" + parentSpanId + "-01")
                .body(body("sandbox", "agents:read")).post("/api/v1/api-keys")
                .then().statusCode(201).extract().path("id");

        List<AuthEvent> created = PublishedEvents.await(e -> e.type() == AuthEventType.API_KEY_CREATED
                && e.data().resource() != null && keyId.equals(e.data().resource().id()), 1);

        String traceparent = created.get(0).traceparent();
        // The flags say whether we recorded the span: not with the default AWX_OTEL_SAMPLE_RATIO of 0,
        // whatever the caller's flag (system-tests' TraceToAuditTest switches recording on).
        assertThat(traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-00");
        String[] parts = traceparent.split("-");
        assertThat(parts[1]).isEqualTo(traceId);
        // our own server span, a child of the caller's
        assertThat(parts[2]).isNotEqualTo(parentSpanId);
    }

    @Test
    void aRequestWithoutTraceContextStartsATraceOfItsOwn() {
        String org = newOrg();
        String keyId = as(org, "free").body(body("sandbox", "agents:read")).post("/api/v1/api-keys")
                .then().statusCode(201).extract().path("id");

        List<AuthEvent> created = PublishedEvents.await(e -> e.type() == AuthEventType.API_KEY_CREATED
                && e.data().resource() != null && keyId.equals(e.data().resource().id()), 1);

        assertThat(created.get(0).traceparent()).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        b[0] |= 1; // an all-zero id is invalid in W3C trace context
        return HexFormat.of().formatHex(b);
    }
}
