package com.agentwallex.system.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.agentwallex.sdk.AgentWallex;
import com.agentwallex.sdk.ApiKey;
import com.agentwallex.sdk.AuditEvent;
import com.agentwallex.sdk.AuditLogQuery;
import com.agentwallex.sdk.AuthenticationException;
import com.agentwallex.sdk.Environment;
import com.agentwallex.sdk.InvalidRequestException;
import com.agentwallex.sdk.Paginated;
import com.agentwallex.sdk.PermissionException;
import com.agentwallex.system.support.Stack;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The SDK's audit log resource against the running stack (audit-service serves production keys). */
@QuarkusTest
@WithTestResource(value = Stack.class, scope = TestResourceScope.GLOBAL)
class SdkAuditLogsTest {

    private final SdkClients clients = new SdkClients();

    @Test
    void aKeyWithAuditReadIteratesEveryPageOfFilteredEventsLazily() {
        Instant start = Instant.now().minusSeconds(5);
        AgentWallex asUser = clients.signedIn();
        ApiKey reader = SdkClients.newKey(asUser, "reader", Environment.PRODUCTION, "audit:read");
        for (int i = 0; i < 3; i++) {
            SdkClients.newKey(asUser, "more " + i, Environment.SANDBOX, "agents:read");
        }
        AgentWallex asKey = clients.withKey(reader.key());
        Paginated<AuditEvent> created = asKey.auditLogs().list(AuditLogQuery.all().type("api_key.created").from(start).pageSize(1));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(created).hasSize(4));

        int before = clients.http.sent();
        List<AuditEvent> events = created.stream().toList();
        assertThat(clients.http.sent() - before).as("one page per event, pages of one").isEqualTo(4);
        assertThat(events).extracting(AuditEvent::type).containsOnly("api_key.created");
        assertThat(events).extracting(AuditEvent::time).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(events).extracting(e -> e.resource().type()).containsOnly("api_key");
        assertThat(events).extracting(e -> e.actor().type()).containsOnly("user");

        assertThat(asKey.auditLogs().list(AuditLogQuery.all().outcome("failure").from(start))).isEmpty();
        assertThat(asUser.auditLogs().list().stream().map(AuditEvent::type)).contains("auth.login.succeeded");
    }

    @Test
    void refusalsOfTheAuditLogArriveAsTheirExceptionClasses() {
        AgentWallex asUser = clients.signedIn();
        ApiKey noScope = SdkClients.newKey(asUser, "no audit", Environment.PRODUCTION, "agents:read");
        PermissionException forbidden = catchThrowableOfType(PermissionException.class,
                () -> clients.withKey(noScope.key()).auditLogs().list().iterator().hasNext());
        assertThat(forbidden.status()).isEqualTo(403);

        InvalidRequestException invalid = catchThrowableOfType(InvalidRequestException.class,
                () -> asUser.auditLogs().list(AuditLogQuery.all().pageSize(501)).iterator().hasNext());
        assertThat(invalid.status()).isEqualTo(400);

        asUser.apiKeys().revoke(noScope.id());
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            AuthenticationException revoked = catchThrowableOfType(AuthenticationException.class,
                    () -> clients.withKey(noScope.key()).me());
            assertThat(revoked.status()).isEqualTo(401);
            assertThat(revoked.requestId()).isNotBlank();
        });
    }
}
