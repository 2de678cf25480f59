package com.agentwallex.system.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.agentwallex.sdk.AgentWallex;
import com.agentwallex.sdk.ApiKey;
import com.agentwallex.sdk.AuthenticationException;
import com.agentwallex.sdk.Environment;
import com.agentwallex.sdk.InvalidApiKeyException;
import com.agentwallex.system.support.Stack;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A key of the wrong environment or shape never leaves the machine; the server's own boundary agrees. */
@QuarkusTest
@WithTestResource(value = Stack.class, scope = TestResourceScope.GLOBAL)
class SdkEnvironmentTest {

    private final SdkClients clients = new SdkClients();

    @Test
    void aRealSandboxKeyDeclaredProductionIsRefusedWithNoRequestSent() {
        AgentWallex asUser = clients.signedIn();
        ApiKey sandbox = SdkClients.newKey(asUser, "sb", Environment.SANDBOX, "audit:read");
        int before = clients.http.sent();

        InvalidApiKeyException wrong = catchThrowableOfType(InvalidApiKeyException.class, () -> clients.builder()
                .environmentVariables(Map.of("AGENTWALLEX_API_KEY", sandbox.key(), "AGENTWALLEX_BASE_URL", Stack.entry(),
                        "AGENTWALLEX_ENVIRONMENT", "production")).build().auditLogs().list().iterator().hasNext());
        assertThat(wrong.reason()).isEqualTo(InvalidApiKeyException.Reason.WRONG_ENVIRONMENT);
        assertThat(wrong).hasMessageContaining("sandbox key").hasMessageContaining("declared for production")
                .hasMessageNotContaining(sandbox.key());

        String typo = sandbox.key().substring(0, sandbox.key().length() - 1)
                + (sandbox.key().endsWith("A") ? "B" : "A");
        InvalidApiKeyException malformed = catchThrowableOfType(InvalidApiKeyException.class,
                () -> clients.withKey(typo).me());
        assertThat(malformed.reason()).isEqualTo(InvalidApiKeyException.Reason.MALFORMED);
        assertThat(clients.http.sent()).as("no request for either").isEqualTo(before);

        // undeclared, the same key reaches the production audit-service, which refuses it itself
        AuthenticationException refused = catchThrowableOfType(AuthenticationException.class,
                () -> clients.withKey(sandbox.key()).auditLogs().list().iterator().hasNext());
        assertThat(refused.code()).isEqualTo("wrong_environment");
        assertThat(refused.detail()).contains("production");
    }
}
