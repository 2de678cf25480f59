package com.agentwallex.system.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.agentwallex.generated.ApiClient;
import com.agentwallex.generated.ApiException;
import com.agentwallex.generated.api.ApiKeysApi;
import com.agentwallex.generated.api.AuditLogApi;
import com.agentwallex.generated.api.SessionsApi;
import com.agentwallex.generated.api.TokensApi;
import com.agentwallex.generated.model.ApiKeyView;
import com.agentwallex.generated.model.AuditLogPage;
import com.agentwallex.generated.model.CreateApiKeyRequest;
import com.agentwallex.generated.model.Me;
import com.agentwallex.generated.model.Problem;
import com.agentwallex.generated.model.RefreshRequest;
import com.agentwallex.generated.model.TokenResponse;
import com.agentwallex.system.support.Stack;
import com.agentwallex.system.support.Users;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The Java client openapi-generator makes from /openapi.json (target/generated-client), used as a
 * customer would, through the entry point: what the document says is what the API does.
 */
@QuarkusTest
@WithTestResource(value = Stack.class, scope = TestResourceScope.GLOBAL)
class GeneratedClientTest {

    private static ApiClient client(String header, String value) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(Stack.entry());
        client.setRequestInterceptor(request -> request.header(header, value));
        return client;
    }

    @Test
    void aGeneratedClientManagesKeysAndReadsTheAuditLogWithOne() throws Exception {
        Users.Session user = Users.signIn();
        ApiClient asUser = client("Authorization", "Bearer " + user.accessToken());

        ApiKeyView created = new ApiKeysApi(asUser).createApiKey(
                new CreateApiKeyRequest().name("generated client").environment("production").scopes(List.of("audit:read")),
                UUID.randomUUID().toString());
        assertThat(created.getKey()).startsWith("awx_production_");
        assertThat(created.getStatus()).isEqualTo("active");

        ApiClient asKey = client("X-API-Key", created.getKey());
        Me me = new SessionsApi(asKey).getMe();
        assertThat(me.getType()).isEqualTo("api_key");
        assertThat(me.getApiKey().getId()).isEqualTo(created.getId());
        assertThat(me.getOrganization().getId()).isEqualTo(user.orgId());

        AuditLogApi audit = new AuditLogApi(asKey);
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            AuditLogPage page = audit.listAuditLogs("api_key.created", null, null, null, null, null, 10, null, null);
            assertThat(page.getData()).anySatisfy(entry -> {
                assertThat(entry.getResource().getId()).isEqualTo(created.getId());
                assertThat(entry.getTime()).isNotNull();
            });
        });
    }

    @Test
    void aGeneratedClientRefreshesTokensAndReadsProblemsAsTheDocumentDescribesThem() throws Exception {
        Users.Session user = Users.signIn();
        TokensApi tokens = new TokensApi(client("User-Agent", "generated-client"));
        TokenResponse refreshed = tokens.refreshTokens(new RefreshRequest().refreshToken(user.refreshToken()));
        assertThat(refreshed.getTokenType()).isEqualTo(TokenResponse.TokenTypeEnum.BEARER);
        assertThat(refreshed.getExpiresIn()).isPositive();

        ApiException spent = catchThrowableOfType(ApiException.class,
                () -> tokens.refreshTokens(new RefreshRequest().refreshToken("awx_rt_" + "x".repeat(43))));
        assertThat(spent.getCode()).isEqualTo(400);
        Problem problem = new ApiClient().getObjectMapper().readValue(spent.getResponseBody(), Problem.class);
        assertThat(problem.getType()).endsWith("/invalid_grant");
        assertThat(problem.getRequestId()).isNotBlank();
    }
}
