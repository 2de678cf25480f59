package com.agentwallex.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Answers that stop halfway: dropped connections and silent servers, before and after the first byte. */
class BrokenAnswersTest {

    private static final String EXPORT = "{\"seq\":1}\n".repeat(100);
    private static final String ME = "{\"type\":\"api_key\"}";
    private final ScriptedServer server = new ScriptedServer();

    @AfterEach
    void stop() {
        server.close();
    }

    private AgentWallex client(int retries, Duration timeout) {
        return AgentWallex.builder().apiKey(Keys.of(Environment.PRODUCTION)).baseUrl(server.url())
                .retry(new RetryPolicy(retries, Duration.ZERO, Duration.ofSeconds(1))).sleeper(wait -> { })
                .timeout(timeout).build();
    }

    @Test
    void anExportThatBreaksOffAfterItsFirstBytesIsNotRepeatedSoNothingIsWrittenTwice() {
        server.brokenOff(200, EXPORT, 100, false, "Content-Type", "application/x-ndjson")
                .then(200, EXPORT, "Content-Type", "application/x-ndjson");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        UnavailableException e = catchThrowableOfType(UnavailableException.class,
                () -> client(3, Duration.ofSeconds(5)).auditLogs().export(AuditLogQuery.all(), out));

        assertThat(e).hasMessageContaining("broke off after part of it was written");
        assertThat(server.seen).hasSize(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(EXPORT.substring(0, 100));
    }

    @Test
    void anExportThatBreaksOffBeforeItsFirstByteIsRepeatedAndWrittenOnce() {
        server.brokenOff(200, EXPORT, 0, false, "Content-Type", "application/x-ndjson")
                .then(200, EXPORT, "Content-Type", "application/x-ndjson");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        client(3, Duration.ofSeconds(5)).auditLogs().export(AuditLogQuery.all(), out);

        assertThat(server.seen).hasSize(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(EXPORT);
    }

    @Test
    void anExportIntoASlowStreamIsNotCutWhileThatStreamTakesLongerThanTheTimeout() {
        server.then(200, EXPORT, "Content-Type", "application/x-ndjson");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // the caller's sink (a pipe, an upload) takes three timeouts for its first write: the server was not silent
        OutputStream slow = new FilterOutputStream(out) {
            private boolean first = true;

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                if (first) {
                    first = false;
                    LockSupport.parkNanos(Duration.ofMillis(900).toNanos());
                }
                out.write(bytes, offset, length);
            }
        };

        client(0, Duration.ofMillis(300)).auditLogs().export(AuditLogQuery.all(), slow);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(EXPORT);
    }

    @Test
    void anExportWhoseOwnStreamFailsIsNotRepeatedSinceAnotherAttemptWouldFailAlike() {
        server.then(200, EXPORT, "Content-Type", "application/x-ndjson").then(200, EXPORT, "Content-Type", "application/x-ndjson");
        OutputStream full = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                throw new IOException("No space left on device");
            }
        };

        AgentWallexException e = catchThrowableOfType(AgentWallexException.class,
                () -> client(3, Duration.ofSeconds(5)).auditLogs().export(AuditLogQuery.all(), full));

        assertThat(e).isNotInstanceOf(ApiException.class).hasMessageContaining("No space left on device");
        assertThat(server.seen).hasSize(1);
    }

    @Test
    void anAnswerWhoseBodyFallsSilentIsGivenUpAfterTheTimeoutNotWaitedForForever() {
        server.brokenOff(200, ME, 5, true, "Content-Type", "application/json");
        AgentWallex client = client(0, Duration.ofMillis(300));

        UnavailableException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> catchThrowableOfType(UnavailableException.class, client::me));

        assertThat(e).isNotNull();
        assertThat(e.status()).isZero();
    }

    @Test
    void aReadWhoseBodyFellSilentIsRepeatedLikeALostAnswer() {
        server.brokenOff(200, ME, 5, true, "Content-Type", "application/json")
                .then(200, ME, "Content-Type", "application/json");

        Caller me = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> client(1, Duration.ofMillis(300)).me());

        assertThat(me.type()).isEqualTo("api_key");
        assertThat(server.seen).hasSize(2);
    }

    /** Each way of ending sessions that may end the caller's own: a repetition would be refused though the first did its job. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"signing out everywhere", "ending one session"})
    void endingSessionsIsNotRepeatedAfterALostAnswerSinceItMayHaveEndedTheCallersOwnToken(String call) {
        server.problem(504, "gateway_timeout").problem(401, "unauthorized");
        TokenSession session = new TokenSession(new TokenSession.Tokens("at", "rt", "Bearer", 900, 3600), r -> null,
                a -> { }, java.time.Clock.systemUTC());
        Sessions sessions = client(3, Duration.ofSeconds(5)).withSession(session).sessions();

        UnavailableException e = catchThrowableOfType(UnavailableException.class,
                () -> {
                    if (call.equals("ending one session")) {
                        sessions.revoke("ses_1");
                    } else {
                        sessions.revokeAll();
                    }
                });

        assertThat(e.status()).isEqualTo(504);
        assertThat(server.seen).hasSize(1);
    }

    @Test
    void resumingASessionWhoseRefreshAnswerWasLostAsksOnceMoreAtOnceWithTheSameToken() {
        server.problem(502, "bad_gateway").then(200, "{\"access_token\":\"at\",\"refresh_token\":\"awx_rt_next\","
                + "\"token_type\":\"Bearer\",\"expires_in\":900,\"refresh_expires_in\":3600}", "Content-Type", "application/json");

        TokenSession session = client(0, Duration.ofSeconds(5)).signIn().resume("awx_rt_kept");

        assertThat(session.refreshToken()).isEqualTo("awx_rt_next");
        assertThat(server.seen).hasSize(2).allSatisfy(seen -> assertThat(seen.body()).contains("awx_rt_kept"));
    }
}
