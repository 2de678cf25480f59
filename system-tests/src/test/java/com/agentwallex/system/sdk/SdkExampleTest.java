package com.agentwallex.system.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.agentwallex.examples.RecentAuditEvents;
import com.agentwallex.sdk.AgentWallex;
import com.agentwallex.sdk.ApiKey;
import com.agentwallex.sdk.Environment;
import com.agentwallex.system.support.Stack;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * sdk/examples' RecentAuditEvents, as its main runs it (the client from AGENTWALLEX_* variables),
 * against the stack; its client is given the validating HttpClient so its calls are held to
 * /openapi.json like every other.
 */
@QuarkusTest
@WithTestResource(value = Stack.class, scope = TestResourceScope.GLOBAL)
class SdkExampleTest {

    private final SdkClients clients = new SdkClients();

    private AgentWallex fromVariables(String key) {
        return clients.builder().environmentVariables(Map.of(AgentWallex.API_KEY_VARIABLE, key,
                AgentWallex.BASE_URL_VARIABLE, Stack.entry())).build();
    }

    @Test
    void theExampleChecksItsKeyAndListsItsOrganizationsRecentEvents() {
        AgentWallex asUser = clients.signedIn();
        ApiKey key = SdkClients.newKey(asUser, "agent", Environment.PRODUCTION, "audit:read");
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Output run = run(key.key());
            assertThat(run.status).isZero();
            assertThat(run.out).contains("API key " + key.id() + " (production, scopes [audit:read])")
                    .contains("auth.login.succeeded").contains("api_key.created");
        });
    }

    @Test
    void theExampleSaysWhatAKeyWithoutAuditReadLacks() {
        AgentWallex asUser = clients.signedIn();
        ApiKey key = SdkClients.newKey(asUser, "agent", Environment.PRODUCTION, "agents:read");
        Output run = run(key.key());
        assertThat(run.status).isEqualTo(1);
        assertThat(run.err).contains("audit:read").doesNotContain(key.key());
    }

    private record Output(int status, String out, String err) {
    }

    private Output run(String key) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = RecentAuditEvents.run(fromVariables(key), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Output(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
