package com.agentwallex.system.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import com.agentwallex.sdk.AgentWallex;
import com.agentwallex.sdk.ApiKey;
import com.agentwallex.sdk.ApiKeyChanges;
import com.agentwallex.sdk.AuthenticationException;
import com.agentwallex.sdk.Caller;
import com.agentwallex.sdk.Environment;
import com.agentwallex.sdk.InvalidRequestException;
import com.agentwallex.sdk.KeyPolicy;
import com.agentwallex.sdk.KeyUsage;
import com.agentwallex.sdk.NewApiKey;
import com.agentwallex.sdk.NotFoundException;
import com.agentwallex.sdk.PermissionException;
import com.agentwallex.sdk.RateLimit;
import com.agentwallex.system.support.Stack;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The SDK's API keys resource against the running stack, every exchange held to /openapi.json. */
@QuarkusTest
@WithTestResource(value = Stack.class, scope = TestResourceScope.GLOBAL)
class SdkApiKeysTest {

    private final SdkClients clients = new SdkClients();

    @Test
    void aSignedInUserCreatesListsGetsUpdatesRotatesAndRevokesAKey() {
        AgentWallex asUser = clients.signedIn();

        ApiKey created = SdkClients.newKey(asUser, "sdk", Environment.PRODUCTION, "audit:read");
        assertThat(created.key()).startsWith("awx_production_");
        assertThat(created.status()).isEqualTo("active");
        Caller caller = clients.withKey(created.key()).me();
        assertThat(caller.type()).isEqualTo("api_key");
        assertThat(caller.apiKey().id()).isEqualTo(created.id());
        assertThat(caller.apiKey().environment()).isEqualTo(Environment.PRODUCTION);

        ApiKey fetched = asUser.apiKeys().get(created.id());
        assertThat(fetched.key()).isNull();
        assertThat(fetched.maskedKey()).startsWith("awx_production_").doesNotContain(created.key().substring(20));

        ApiKey renamed = asUser.apiKeys().update(created.id(), ApiKeyChanges.none().withName("sdk renamed")
                .withScopes("audit:read", "agents:read"));
        assertThat(renamed.name()).isEqualTo("sdk renamed");
        assertThat(renamed.scopes()).containsExactlyInAnyOrder("audit:read", "agents:read");

        ApiKey rotated = SdkClients.recorded(asUser.apiKeys().rotate(created.id(), Duration.ofHours(1)));
        assertThat(rotated.key()).startsWith("awx_production_").isNotEqualTo(created.key());
        assertThat(rotated.rotatedFrom()).isEqualTo(created.id());
        // both work during the grace
        assertThat(clients.withKey(created.key()).me().apiKey().id()).isEqualTo(created.id());
        assertThat(clients.withKey(rotated.key()).me().apiKey().id()).isEqualTo(rotated.id());

        asUser.apiKeys().revoke(rotated.id());
        assertThat(asUser.apiKeys().get(rotated.id()).revokedAt()).isNotNull();
        assertThat(asUser.apiKeys().list()).extracting(ApiKey::id).contains(created.id(), rotated.id());
    }

    @Test
    void theOrganizationsRotationPolicyIsReadAndTurnedToAHardExpiryAndBackThroughTheSdk() {
        AgentWallex asUser = clients.signedIn();
        KeyPolicy initial = asUser.apiKeys().policy();
        assertThat(initial.rotationHardExpiry()).isFalse();
        assertThat(initial.rotationPeriodDays()).isEqualTo(90);
        assertThat(initial.keyEnvironments()).as("the test stack serves both").containsExactly("sandbox", "production");
        assertThat(initial.updatedAt()).isNull();

        KeyPolicy hard = asUser.apiKeys().updatePolicy(true);
        assertThat(hard.rotationHardExpiry()).isTrue();
        assertThat(hard.updatedAt()).isNotNull();
        assertThat(asUser.apiKeys().policy().rotationHardExpiry()).isTrue();
        assertThat(asUser.apiKeys().updatePolicy(false).rotationHardExpiry()).isFalse();

        ApiKey key = SdkClients.newKey(asUser, "not a manager", Environment.PRODUCTION, "audit:read");
        AuthenticationException refused = catchThrowableOfType(AuthenticationException.class,
                () -> clients.withKey(key.key()).apiKeys().updatePolicy(true));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(asUser.apiKeys().policy().rotationHardExpiry()).isFalse();
    }

    @Test
    void aKeysRateLimitsAreSetAndChangedAndItsUsageReadThroughTheSdk() {
        AgentWallex asUser = clients.signedIn();
        ApiKey created = SdkClients.recorded(asUser.apiKeys().create(NewApiKey.of("limited", Environment.PRODUCTION, "audit:read")
                .withRateLimits(RateLimit.perSecond(50), RateLimit.perDay(100_000))));
        assertThat(created.rateLimits()).extracting(RateLimit::name, RateLimit::limit, RateLimit::windowSeconds)
                .containsExactly(tuple("1s", 50L, 1), tuple("1d", 100_000L, 86_400));

        ApiKey changed = asUser.apiKeys().update(created.id(), ApiKeyChanges.none()
                .withRateLimits(created.rateLimits().get(1), RateLimit.perMinute(600)));
        assertThat(changed.rateLimits()).extracting(RateLimit::name).containsExactly("1m", "1d");

        clients.withKey(created.key()).me();
        KeyUsage usage = asUser.apiKeys().usage(created.id());
        assertThat(usage.keyId()).isEqualTo(created.id());
        assertThat(usage.days()).allSatisfy(d -> assertThat(d.count()).isPositive());
        assertThat(usage.clientsSince()).isNotNull();
    }

    @Test
    void listingFollowsEveryPageLazily() {
        AgentWallex asUser = clients.signedIn();
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(SdkClients.newKey(asUser, "page " + i, Environment.SANDBOX, "agents:read").id());
        }
        int before = clients.http.sent();
        var keys = asUser.apiKeys().list(2);
        assertThat(clients.http.sent()).as("nothing fetched before iterating").isEqualTo(before);
        assertThat(keys.stream().limit(2)).hasSize(2);
        assertThat(clients.http.sent() - before).as("two keys, one page").isEqualTo(1);
        assertThat(keys).extracting(ApiKey::id).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(clients.http.sent() - before).as("then 1 + 3 pages of 2").isEqualTo(4);
    }

    @Test
    void aCreationRetriedWithItsIdempotencyKeyGetsTheSameKeyAndAnotherRequestWithItIsRefused() {
        AgentWallex asUser = clients.signedIn();
        String idempotencyKey = UUID.randomUUID().toString();
        NewApiKey request = NewApiKey.of("once", Environment.SANDBOX, "agents:read");
        ApiKey first = SdkClients.recorded(asUser.apiKeys().create(request, idempotencyKey));
        ApiKey replay = asUser.apiKeys().create(request, idempotencyKey);
        assertThat(replay.id()).isEqualTo(first.id());
        assertThat(replay.key()).isEqualTo(first.key());

        InvalidRequestException reused = catchThrowableOfType(InvalidRequestException.class,
                () -> asUser.apiKeys().create(NewApiKey.of("other", Environment.SANDBOX, "agents:read"), idempotencyKey));
        assertThat(reused.status()).isEqualTo(409);
        assertThat(reused.requestId()).isNotBlank();
        assertThat(asUser.apiKeys().list()).hasSize(1);
    }

    @Test
    void refusalsArriveAsTheirExceptionClasses() {
        AgentWallex asUser = clients.signedIn();
        NotFoundException missing = catchThrowableOfType(NotFoundException.class,
                () -> asUser.apiKeys().get("key_" + UUID.randomUUID()));
        assertThat(missing.status()).isEqualTo(404);

        InvalidRequestException invalid = catchThrowableOfType(InvalidRequestException.class,
                () -> asUser.apiKeys().create(NewApiKey.of("", Environment.SANDBOX, "no-such:scope")));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.parameter()).isPresent();

        ApiKey key = SdkClients.newKey(asUser, "k", Environment.PRODUCTION, "audit:read");
        PermissionException keysHaveNoSessions = catchThrowableOfType(PermissionException.class,
                () -> clients.withKey(key.key()).sessions().list());
        assertThat(keysHaveNoSessions.status()).isEqualTo(403);
        assertThat(keysHaveNoSessions).hasMessageNotContaining(key.key());
        AuthenticationException keysCannotManageKeys = catchThrowableOfType(AuthenticationException.class,
                () -> clients.withKey(key.key()).apiKeys().list().iterator().hasNext());
        assertThat(keysCannotManageKeys.status()).isEqualTo(401);
    }
}
