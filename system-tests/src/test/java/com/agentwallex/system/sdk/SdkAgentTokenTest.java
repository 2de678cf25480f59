package com.agentwallex.system.sdk;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.agentwallex.sdk.AgentToken;
import com.agentwallex.sdk.AgentWallex;
import com.agentwallex.sdk.ApiKey;
import com.agentwallex.sdk.Environment;
import com.agentwallex.sdk.InvalidRequestException;
import com.agentwallex.system.support.Issued;
import com.agentwallex.system.support.Stack;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code client.agentToken(scopes, ttl)}: the key stays with the program, a narrowed short-lived token goes to the agent. */
@QuarkusTest
@WithTestResource(value = Stack.class, scope = TestResourceScope.GLOBAL)
class SdkAgentTokenTest {

    private final SdkClients clients = new SdkClients();

    @Test
    void aKeysClientMakesANarrowedShortLivedTokenThatWorksAsABearer() {
        AgentWallex asUser = clients.signedIn();
        ApiKey key = SdkClients.newKey(asUser, "agent", Environment.PRODUCTION, "audit:read", "wallets:read");
        Instant before = Instant.now();

        AgentToken token = clients.withKey(key.key()).agentToken(List.of("audit:read"), Duration.ofMinutes(5));
        Issued.secret(token.token());

        assertThat(token.scopes()).containsExactly("audit:read");
        assertThat(token.expiresAt()).isBetween(before.plusSeconds(290), Instant.now().plusSeconds(301));
        assertThat(token.toString()).doesNotContain(token.token());
        given().baseUri(Stack.entry()).header("Authorization", "Bearer " + token.token()).get("/api/v1/audit-logs")
                .then().statusCode(200);
    }

    @Test
    void aScopeTheKeyDoesNotHaveIsAnInvalidRequestNamingIt() {
        AgentWallex asUser = clients.signedIn();
        ApiKey key = SdkClients.newKey(asUser, "agent", Environment.PRODUCTION, "audit:read");

        InvalidRequestException refused = catchThrowableOfType(InvalidRequestException.class,
                () -> clients.withKey(key.key()).agentToken(List.of("payments:write"), Duration.ofMinutes(1)));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.type()).isEqualTo("invalid_scope");
        assertThat(refused.getMessage()).contains("payments:write");
    }

    @Test
    void aSignedInUsersClientCannotMakeAgentTokensWithoutSendingAnything() {
        AgentWallex asUser = clients.signedIn();
        int sent = clients.http.sent();
        catchThrowableOfType(IllegalStateException.class, () -> asUser.agentToken(List.of(), null));
        assertThat(clients.http.sent()).isEqualTo(sent);
    }
}
