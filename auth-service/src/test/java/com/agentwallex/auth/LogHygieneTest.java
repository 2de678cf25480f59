package com.agentwallex.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.agentwallex.auth.support.Auth;
import com.agentwallex.common.testing.SignInFlow;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Secrets and personal data never reach the log: not the ones this test obtains, and nothing shaped
 * like an access token, refresh token or exchange code from any test that ran in this JVM before it.
 */
@QuarkusTest
class LogHygieneTest {

    private static final Path LOG = Path.of("target", "auth-service-test.log");
    private static final Pattern SECRET_SHAPES = Pattern.compile("awx_(rt|ec)_[A-Za-z0-9_-]{20,}|eyJ[A-Za-z0-9_-]{10,}\\.eyJ");

    @Test
    void noTokenOrCodeEverAppearsInTheServiceLog() throws Exception {
        String code = Auth.exchangeCode(Auth.newEmail());
        Response tokens = Auth.exchange(code);
        Response refreshed = Auth.refresh(tokens.jsonPath().getString("refresh_token"));
        Auth.exchange(code).then().statusCode(400);
        Auth.refresh("awx_rt_" + "x".repeat(43)).then().statusCode(400);
        Auth.me("eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln").then().statusCode(401);
        Auth.logout(tokens.jsonPath().getString("access_token")).then().statusCode(204);

        String log = Files.readString(LOG);
        assertThat(log).isNotEmpty();
        for (String secret : new String[] {code, tokens.jsonPath().getString("access_token"),
                tokens.jsonPath().getString("refresh_token"), refreshed.jsonPath().getString("refresh_token")}) {
            assertThat(log).doesNotContain(secret);
        }
        assertThat(SECRET_SHAPES.matcher(log).results().map(m -> m.group()).toList()).isEmpty();
    }

    @Test
    void aRefusedIdTokenIsLoggedWithoutTheClaimsItCarried() throws Exception {
        // The sign-in's e-mail address stands for every claim: quarkus-oidc logs the refusal at ERROR.
        String email = Auth.newEmail();
        SignInFlow.Step end = new SignInFlow(Auth.base()).signIn(Auth.RETURN_TO, email, "{\"aud\":\"someone-else\"}");
        assertThat(end.status()).isBetween(400, 499);

        String log = Files.readString(LOG);
        assertThat(log).contains("ID token verification has failed").doesNotContain(email);
    }
}
