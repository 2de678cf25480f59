package com.agentwallex.system.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.agentwallex.sdk.AgentWallex;
import com.agentwallex.sdk.AuditEvent;
import com.agentwallex.sdk.Caller;
import com.agentwallex.sdk.Environment;
import com.agentwallex.sdk.RetryPolicy;
import com.agentwallex.sdk.UnavailableException;
import com.agentwallex.system.support.Stack;
import com.agentwallex.system.support.Stack.Service;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * apikey-service stopped: a keyed call gets 503 with Retry-After from the service that cannot check
 * the key; the SDK retries within its bounds, then reports it, and a call still retrying when the
 * service comes back succeeds.
 */
@QuarkusTest
@WithTestResource(value = Stack.class, scope = TestResourceScope.GLOBAL)
class SdkOutageTest {

    private final SdkClients clients = new SdkClients();

    @Test
    void retriesAreBoundedDuringAnOutageAndACallStillRetryingWhenTheServiceReturnsSucceeds() throws Exception {
        AgentWallex asUser = clients.signedIn();
        // fresh keys, so no cached verification hides the outage
        String bounded = SdkClients.newKey(asUser, "o1", Environment.PRODUCTION, "audit:read").key();
        String patient = SdkClients.newKey(asUser, "o2", Environment.PRODUCTION, "audit:read").key();
        SdkClients patientClients = new SdkClients();
        AgentWallex waitsForRecovery = patientClients.builder().apiKey(patient)
                .retry(new RetryPolicy(40, Duration.ofMillis(250), Duration.ofSeconds(3))).build();

        Stack.stop(Service.APIKEY);
        CompletableFuture<List<AuditEvent>> retrying;
        try {
            int before = clients.http.sent();
            UnavailableException unavailable = catchThrowableOfType(UnavailableException.class,
                    () -> clients.withKey(bounded).auditLogs().list().iterator().hasNext());
            assertThat(unavailable.status()).isEqualTo(503);
            assertThat(unavailable.retryAfter()).isPresent();
            assertThat(unavailable.requestId()).isNotBlank();
            assertThat(clients.http.sent() - before).as("the first try and FAST's 3 retries").isEqualTo(4);

            retrying = CompletableFuture.supplyAsync(() -> waitsForRecovery.auditLogs().list().stream().limit(5).toList());
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> patientClients.http.sent() >= 2);
            assertThat(retrying).isNotDone();
        } finally {
            Stack.start(Service.APIKEY);
        }
        assertThat(retrying.get(60, TimeUnit.SECONDS)).isNotNull();
        Caller after = clients.withKey(bounded).me();
        assertThat(after.type()).isEqualTo("api_key");
    }
}
