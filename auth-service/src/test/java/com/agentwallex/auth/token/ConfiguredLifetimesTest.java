package com.agentwallex.auth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.agentwallex.auth.Ids;
import com.agentwallex.auth.support.Auth;
import com.agentwallex.auth.support.Database;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/**
 * SPEC's lifetimes as the service applies them with no lifetime configured (the test profile sets
 * none): what it stores for a sign-in and what it answers, read back from the rows it wrote.
 */
@QuarkusTest
class ConfiguredLifetimesTest {

    @Test
    void anExchangeCodeLivesSixtySeconds() {
        String code = Auth.exchangeCode(Auth.newEmail());
        Instant expires = Database.instant("SELECT expires_at FROM exchange_code WHERE code_hash = ?", Ids.hash(code)).orElseThrow();
        Instant started = Database.instant("SELECT s.created_at FROM exchange_code x JOIN session s ON s.id = x.session_id"
                + " WHERE x.code_hash = ?", Ids.hash(code)).orElseThrow();
        assertThat(Duration.between(started, expires)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void aRefreshTokenGoesIdleAfterSevenDaysAndItsSessionEndsAfterThirty() {
        Response tokens = Auth.signedIn();
        String hash = Ids.hash(tokens.jsonPath().getString("refresh_token"));
        Instant issued = Database.instant("SELECT issued_at FROM refresh_token WHERE token_hash = ?", hash).orElseThrow();
        Instant idle = Database.instant("SELECT idle_expires_at FROM refresh_token WHERE token_hash = ?", hash).orElseThrow();
        Instant created = Database.instant("SELECT s.created_at FROM refresh_token x JOIN session s ON s.id = x.session_id"
                + " WHERE x.token_hash = ?", hash).orElseThrow();
        Instant absolute = Database.instant("SELECT s.absolute_expires_at FROM refresh_token x JOIN session s"
                + " ON s.id = x.session_id WHERE x.token_hash = ?", hash).orElseThrow();

        assertThat(Duration.between(issued, idle)).isEqualTo(Duration.ofDays(7));
        assertThat(Duration.between(created, absolute)).isEqualTo(Duration.ofDays(30));
        assertThat(tokens.jsonPath().getLong("refresh_expires_in")).isCloseTo(Duration.ofDays(7).toSeconds(), within(2L));
        assertThat(tokens.jsonPath().getLong("expires_in")).isEqualTo(Duration.ofMinutes(15).toSeconds());
        assertThat(ChronoUnit.SECONDS.between(Instant.now(), idle)).isCloseTo(Duration.ofDays(7).toSeconds(), within(60L));
    }

    @Test
    void nearItsSessionsEndAnAccessTokensExpiresInIsWhatIsLeftOfTheSessionAsItsExpSays() throws Exception {
        Response tokens = Auth.signedIn();
        String hash = Ids.hash(tokens.jsonPath().getString("refresh_token"));
        Database.update("UPDATE session SET absolute_expires_at = now() + interval '120 seconds'"
                + " WHERE id = (SELECT session_id FROM refresh_token WHERE token_hash = ?)", hash);

        Response refreshed = Auth.refresh(tokens);
        refreshed.then().statusCode(200);

        long expiresIn = refreshed.jsonPath().getLong("expires_in");
        assertThat(expiresIn).isBetween(100L, 120L);
        String payload = refreshed.jsonPath().getString("access_token").split("\\.")[1];
        long exp = new com.fasterxml.jackson.databind.ObjectMapper().readTree(java.util.Base64.getUrlDecoder().decode(payload))
                .path("exp").asLong();
        assertThat(exp - Instant.now().getEpochSecond()).isCloseTo(expiresIn, within(2L));
    }
}
