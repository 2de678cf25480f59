package com.agentwallex.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetriesAndErrorsTest {

    private static final String EMPTY_PAGE = "{\"data\":[],\"has_more\":false}";
    private final ScriptedServer server = new ScriptedServer();
    private final List<Duration> waits = new ArrayList<>();

    @AfterEach
    void stop() {
        server.close();
    }

    private AgentWallex client(String url, int retries) {
        return AgentWallex.builder().apiKey(Keys.of(Environment.PRODUCTION)).baseUrl(url)
                .retry(new RetryPolicy(retries, Duration.ofMillis(100), Duration.ofSeconds(3)))
                .sleeper(waits::add).build();
    }

    @Test
    void aReadIsRetriedOn503And429UntilItSucceeds() {
        server.problem(503, "unavailable", "Retry-After", "2").problem(429, "rate_limited").then(200, EMPTY_PAGE,
                "Content-Type", "application/json");
        assertThat(client(server.url(), 3).auditLogs().list()).isEmpty();
        assertThat(server.seen).hasSize(3);
        assertThat(waits.get(0)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void retriesAreBoundedAndTheLastAnswerIsThrownWithItsRetryAfter() {
        for (int i = 0; i < 3; i++) {
            server.problem(503, "unavailable", "Retry-After", "1");
        }
        UnavailableException e = catchThrowableOfType(UnavailableException.class,
                () -> client(server.url(), 2).auditLogs().list().iterator().hasNext());
        assertThat(server.seen).hasSize(3);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(1));
        assertThat(e.requestId()).isEqualTo("req-503");
        assertThat(e.code()).isEqualTo("unavailable");
    }

    @Test
    void aCreationIsRetriedWithTheSameIdempotencyKeyEveryTime() {
        server.problem(503, "unavailable").then(201, "{\"id\":\"k1\",\"environment\":\"sandbox\"}",
                "Content-Type", "application/json");
        ApiKey created = client(server.url(), 3).withSession(signedIn()).apiKeys()
                .create(NewApiKey.of("ci", Environment.SANDBOX, "agents:read"));
        assertThat(created.id()).isEqualTo("k1");
        assertThat(created.environment()).isEqualTo(Environment.SANDBOX);
        assertThat(server.seen).hasSize(2);
        String first = server.seen.get(0).headers().get("Idempotency-key").get(0);
        assertThat(first).isNotBlank();
        assertThat(server.seen.get(1).headers().get("Idempotency-key")).containsExactly(first);
        assertThat(server.seen.get(0).body()).isEqualTo("{\"name\":\"ci\",\"environment\":\"sandbox\",\"scopes\":[\"agents:read\"]}");
    }

    @Test
    void aPostWithoutAnIdempotencyKeyIsNeverRetried() {
        server.problem(503, "unavailable").then(200, "{\"access_token\":\"at\",\"refresh_token\":\"rt\","
                + "\"token_type\":\"Bearer\",\"expires_in\":900,\"refresh_expires_in\":3600}", "Content-Type", "application/json");
        UnavailableException e = catchThrowableOfType(UnavailableException.class,
                () -> client(server.url(), 3).signIn().exchange("awx_ec_x", "v"));
        assertThat(e.status()).isEqualTo(503);
        assertThat(server.seen).hasSize(1);
    }

    @Test
    void aRotationGraceWithAFractionOfASecondIsRoundedUpNeverDownToAtOnce() {
        server.then(201, "{\"id\":\"k2\"}", "Content-Type", "application/json")
                .then(201, "{\"id\":\"k3\"}", "Content-Type", "application/json");
        ApiKeys keys = client(server.url(), 0).withSession(signedIn()).apiKeys();
        keys.rotate("k1", Duration.ofMillis(500));
        keys.rotate("k2", Duration.ZERO);
        assertThat(server.seen.get(0).body()).isEqualTo("{\"grace_period_seconds\":1}");
        assertThat(server.seen.get(1).body()).isEqualTo("{\"grace_period_seconds\":0}");
    }

    @Test
    void theStoredOrderFeedGoesOnAfterTheLastSeqReceivedWithoutACursor() {
        server.then(200, "{\"data\":[{\"id\":\"a\",\"seq\":5},{\"id\":\"b\",\"seq\":6}],\"has_more\":true,\"next_cursor\":null}",
                        "Content-Type", "application/json")
                .then(200, "{\"data\":[{\"id\":\"c\",\"seq\":7}],\"has_more\":false,\"next_cursor\":null}",
                        "Content-Type", "application/json");
        List<AuditEvent> events = new ArrayList<>();
        client(server.url(), 0).auditLogs().list(AuditLogQuery.all().afterSeq(4).pageSize(2)).forEach(events::add);
        assertThat(events).extracting(AuditEvent::seq).containsExactly(5L, 6L, 7L);
        assertThat(server.seen).extracting(ScriptedServer.Seen::path)
                .containsExactly("/api/v1/audit-logs?after_seq=4&limit=2", "/api/v1/audit-logs?after_seq=6&limit=2");
    }

    @Test
    void aRefusedConnectionIsRetriedThenReportedAsUnavailableWithStatusZero() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        UnavailableException e = catchThrowableOfType(UnavailableException.class,
                () -> client("http://127.0.0.1:" + closed, 2).me());
        assertThat(e.status()).isZero();
        assertThat(waits).hasSize(2);
    }

    @Test
    void eachStatusBecomesItsExceptionClassWithTheProblemsMembers() {
        server.problem(400, "invalid_parameter").problem(401, "unauthorized").problem(403, "forbidden")
                .problem(404, "not_found").problem(409, "idempotency_key_reused").problem(429, "rate_limited", "Retry-After", "60")
                .then(500, "oops");
        AgentWallex client = client(server.url(), 0);
        assertThat(catchThrowableOfType(InvalidRequestException.class, client::me).code()).isEqualTo("invalid_parameter");
        assertThat(catchThrowableOfType(AuthenticationException.class, client::me).status()).isEqualTo(401);
        assertThat(catchThrowableOfType(PermissionException.class, client::me).detail()).isEqualTo("D forbidden");
        assertThat(catchThrowableOfType(NotFoundException.class, client::me).requestId()).isEqualTo("req-404");
        assertThat(catchThrowableOfType(InvalidRequestException.class, client::me).status()).isEqualTo(409);
        RateLimitedException limited = catchThrowableOfType(RateLimitedException.class, client::me);
        assertThat(limited.retryAfter()).contains(Duration.ofSeconds(60));
        ApiException other = catchThrowableOfType(ApiException.class, client::me);
        assertThat(other.status()).isEqualTo(500);
        assertThat(other).isExactlyInstanceOf(ApiException.class);
    }

    private TokenSession signedIn() {
        return new TokenSession(new TokenSession.Tokens("at", "rt", "Bearer", 900, 3600), r -> null, a -> { },
                java.time.Clock.systemUTC());
    }
}
