package com.agentwallex.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** Keys and tokens never appear in toString(), in an exception (message, cause, stack trace) or in the SDK's log. */
class SecretsStayOutTest {

    private final String key = Keys.of(Environment.PRODUCTION);
    private final String newKey = Keys.of(Environment.SANDBOX);
    private final String accessToken = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ1In0.c2lnbmF0dXJlLXRoYXQtbWF0dGVycw";
    private final String refreshToken = "awx_rt_" + "R".repeat(43);
    private final List<String> everything = new ArrayList<>();

    @Test
    void noKeyOrTokenInToStringExceptionsOrLogs() {
        Logger sdkLog = Logger.getLogger("com.agentwallex.sdk");
        List<LogRecord> records = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        sdkLog.setLevel(Level.ALL);
        sdkLog.addHandler(capture);
        try (ScriptedServer server = new ScriptedServer()) {
            server.problem(503, "unavailable").problem(401, "unauthorized")
                    .then(201, "{\"id\":\"k\",\"key\":\"" + newKey + "\"}", "Content-Type", "application/json")
                    .then(200, "{\"data\":[{\"id\":\"k\",\"created_at\":\"" + newKey + "\"}]}", "Content-Type", "application/json")
                    .then(200, "{\"access_token\":\"" + accessToken + "\",\"refresh_token\":\"" + refreshToken
                            + "\",\"token_type\":\"Bearer\",\"expires_in\":0,\"refresh_expires_in\":60}", "Content-Type", "application/json")
                    .problem(400, "invalid_grant");
            AgentWallex.Builder builder = AgentWallex.builder().apiKey(key).baseUrl(server.url())
                    .retry(new RetryPolicy(1, Duration.ZERO, Duration.ofSeconds(1))).sleeper(d -> { });
            AgentWallex client = builder.build();
            seen(builder, client);
            seen(catchThrowable(client::me));

            TokenSession session = new TokenSession(new TokenSession.Tokens(accessToken, refreshToken, "Bearer", 900, 60),
                    r -> null, a -> { }, Clock.systemUTC());
            ApiKey created = client.withSession(session).apiKeys().create(NewApiKey.of("n", Environment.SANDBOX));
            assertThat(created.key()).isEqualTo(newKey);
            seen(created, session, client.withSession(session));
            // an answer that does not parse: the error must not quote the body it came in
            seen(catchThrowable(() -> client.withSession(session).apiKeys().list().iterator().hasNext()));

            TokenSession exchanged = client.signIn().exchange("awx_ec_" + "E".repeat(40), "verifier-" + "V".repeat(40));
            seen(exchanged, client.signIn().authorizationRequest("https://app.example/cb"));
            seen(catchThrowable(exchanged::accessToken));  // expired at once: refreshed, and refused
            assertThat(server.seen.get(server.seen.size() - 1).path()).isEqualTo("/api/v1/auth/refresh");
            seen(catchThrowable(() -> AgentWallex.builder().apiKey(key).environment(Environment.SANDBOX).build()));
        } finally {
            sdkLog.removeHandler(capture);
        }
        records.forEach(r -> everything.add(new java.util.logging.SimpleFormatter().format(r)));
        assertThat(records).isNotEmpty();
        assertThat(String.join("\n", everything)).doesNotContain(key, newKey, accessToken, refreshToken,
                key.substring(16), newKey.substring(16), "E".repeat(40), "V".repeat(40));
    }

    private void seen(Object... values) {
        for (Object value : values) {
            if (value instanceof Throwable t) {
                StringWriter trace = new StringWriter();
                t.printStackTrace(new PrintWriter(trace));
                everything.add(trace.toString());
            } else {
                everything.add(String.valueOf(value));
            }
        }
    }

    @Test
    void theAuthorizationUrlCarriesTheChallengeNeverTheVerifier() {
        SignIn.AuthorizationRequest request = AgentWallex.builder().baseUrl("https://api.agentwallex.com").build().signIn()
                .authorizationRequest("https://app.example/auth/callback");
        URI url = request.url();
        assertThat(url.getPath()).isEqualTo("/auth/google/redirect");
        assertThat(url.getRawQuery()).contains("return_to=https%3A%2F%2Fapp.example%2Fauth%2Fcallback",
                "code_challenge=" + SignIn.challenge(request.codeVerifier()), "code_challenge_method=S256");
        assertThat(url.toString()).doesNotContain(request.codeVerifier());
        assertThat(request.codeVerifier()).hasSize(43);
        // RFC 7636, appendix B
        assertThat(SignIn.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
                .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }
}
