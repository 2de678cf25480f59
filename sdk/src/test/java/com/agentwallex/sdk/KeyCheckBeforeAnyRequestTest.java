package com.agentwallex.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyCheckBeforeAnyRequestTest {

    @Test
    void aWellFormedKeyBuildsAClientForItsOwnEnvironmentsApi() {
        assertThat(AgentWallex.builder().apiKey(Keys.of(Environment.SANDBOX)).build().baseUrl())
                .hasToString("https://api.sandbox.agentwallex.com");
        assertThat(AgentWallex.builder().apiKey(Keys.of(Environment.PRODUCTION)).build().baseUrl())
                .hasToString("https://api.agentwallex.com");
    }

    @Test
    void aKeyWithOneCharacterChangedIsRefusedForItsChecksum() {
        String key = Keys.of(Environment.PRODUCTION);
        char last = key.charAt(20);
        String typo = key.substring(0, 20) + (last == 'a' ? 'b' : 'a') + key.substring(21);
        InvalidApiKeyException e = catchThrowableOfType(InvalidApiKeyException.class,
                () -> AgentWallex.builder().apiKey(typo).build());
        assertThat(e.reason()).isEqualTo(InvalidApiKeyException.Reason.MALFORMED);
        assertThat(e).hasMessageContaining("checksum").hasMessageNotContaining(typo.substring(16));
    }

    @Test
    void aKeyReadFromASecretFileWithItsFinalNewlineIsAcceptedAsTheKey() {
        String key = Keys.of(Environment.SANDBOX);
        assertThat(AgentWallex.builder().apiKey(key + "\n").build().baseUrl())
                .isEqualTo(AgentWallex.builder().apiKey(key).build().baseUrl());
        assertThat(AgentWallex.builder().apiKey("  " + key + "\r\n").build().baseUrl()).hasToString("https://api.sandbox.agentwallex.com");
    }

    @Test
    void keysOfAnotherShapeAreRefusedAsMalformed() {
        for (String bad : new String[] {"awx_your_api_key", "sk_live_abc", "awx_staging_" + "a".repeat(33),
                Keys.of(Environment.SANDBOX).substring(0, 40), Keys.of(Environment.SANDBOX) + "x", " "}) {
            InvalidApiKeyException e = catchThrowableOfType(InvalidApiKeyException.class,
                    () -> AgentWallex.builder().apiKey(bad).build());
            assertThat(e.reason()).as(bad).isIn(InvalidApiKeyException.Reason.MALFORMED, InvalidApiKeyException.Reason.MISSING);
        }
    }

    @Test
    void aKeyOfTheOtherEnvironmentThanDeclaredIsRefusedAndTheErrorSaysWhich() {
        InvalidApiKeyException e = catchThrowableOfType(InvalidApiKeyException.class, () -> AgentWallex.builder()
                .apiKey(Keys.of(Environment.PRODUCTION)).environment(Environment.SANDBOX).build());
        assertThat(e.reason()).isEqualTo(InvalidApiKeyException.Reason.WRONG_ENVIRONMENT);
        assertThat(e).hasMessageContaining("is a production key").hasMessageContaining("declared for sandbox");
    }

    @Test
    void theEnvironmentVariablesGiveKeyBaseUrlAndDeclaredEnvironment() {
        AgentWallex client = AgentWallex.builder().environmentVariables(Map.of(
                "AGENTWALLEX_API_KEY", Keys.of(Environment.SANDBOX) + "\n",
                "AGENTWALLEX_BASE_URL", "http://127.0.0.1:8080",
                "AGENTWALLEX_ENVIRONMENT", "sandbox")).build();
        assertThat(client.baseUrl()).hasToString("http://127.0.0.1:8080");

        InvalidApiKeyException missing = catchThrowableOfType(InvalidApiKeyException.class,
                () -> AgentWallex.builder().environmentVariables(Map.of()));
        assertThat(missing.reason()).isEqualTo(InvalidApiKeyException.Reason.MISSING);
        assertThat(missing).hasMessageContaining("AGENTWALLEX_API_KEY");

        InvalidApiKeyException mismatch = catchThrowableOfType(InvalidApiKeyException.class, () -> AgentWallex.builder()
                .environmentVariables(Map.of("AGENTWALLEX_API_KEY", Keys.of(Environment.SANDBOX),
                        "AGENTWALLEX_ENVIRONMENT", "production")).build());
        assertThat(mismatch.reason()).isEqualTo(InvalidApiKeyException.Reason.WRONG_ENVIRONMENT);
    }
}
