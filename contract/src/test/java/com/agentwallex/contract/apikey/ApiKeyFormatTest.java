package com.agentwallex.contract.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import com.agentwallex.contract.apikey.ApiKeyFormat.Environment;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiKeyFormatTest {

    @Test
    void a100000GeneratedKeysNeverCollideAndAllMatchThePatternAndChecksum() {
        Pattern scanner = Pattern.compile(ApiKeyFormat.SCANNER_REGEX);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            Environment env = i % 2 == 0 ? Environment.SANDBOX : Environment.PRODUCTION;
            String key = ApiKeyFormat.generate(env);
            assertThat(seen.add(key)).isTrue();
            assertThat(scanner.matcher(key).matches()).isTrue();
            assertThat(ApiKeyFormat.parse(key)).contains(env);
        }
    }

    @Test
    void everyOneCharacterTypoFailsTheChecksum() {
        String key = ApiKeyFormat.generate(Environment.SANDBOX);
        int prefix = "awx_sandbox_".length();
        for (int i = prefix; i < key.length(); i++) {
            char c = key.charAt(i);
            char other = c == 'a' ? 'b' : 'a';
            String typo = key.substring(0, i) + other + key.substring(i + 1);
            assertThat(ApiKeyFormat.parse(typo)).as("typo at %d", i).isEmpty();
        }
    }

    @Test
    void aSandboxKeyRelabelledAsProductionIsMalformed() {
        String key = ApiKeyFormat.generate(Environment.SANDBOX);
        assertThat(ApiKeyFormat.parse(key.replace("awx_sandbox_", "awx_production_"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "awx_", "awx_your_api_key", "awx_sandbox_", "sk_live_123", "awx_staging_0123456789012345678901234567890AB"})
    void garbageIsMalformed(String candidate) {
        assertThat(ApiKeyFormat.parse(candidate)).isEmpty();
    }

    @Test
    void aKeyOneCharacterLongerOrShorterOrWithASeparatorInItsBodyIsMalformed() {
        String key = ApiKeyFormat.generate(Environment.PRODUCTION);
        assertThat(ApiKeyFormat.parse(key + "0")).isEmpty();
        assertThat(ApiKeyFormat.parse(key.substring(0, key.length() - 1))).isEmpty();
        assertThat(ApiKeyFormat.parse(key.substring(0, 20) + "_" + key.substring(21))).isEmpty();
        assertThat(ApiKeyFormat.parse(key.substring(0, 20) + "-" + key.substring(21))).isEmpty();
        assertThat(ApiKeyFormat.parse("AWX" + key.substring(3))).isEmpty();
        assertThat(ApiKeyFormat.parse(key)).contains(Environment.PRODUCTION);
    }

    @Test
    void unicodeAndHugeInputAreMalformed() {
        assertThat(ApiKeyFormat.parse("awx_sandbox_" + "é".repeat(33))).isEmpty();
        assertThat(ApiKeyFormat.parse("awx_sandbox_" + "a".repeat(10_000))).isEmpty();
        assertThat(ApiKeyFormat.parse(null)).isEmpty();
    }

    @Test
    void everyKeyInATextIsMaskedAndTheRestKept() {
        String sandbox = ApiKeyFormat.generate(ApiKeyFormat.Environment.SANDBOX);
        String production = ApiKeyFormat.generate(ApiKeyFormat.Environment.PRODUCTION);
        assertThat(ApiKeyFormat.maskedIn("DELETE /api/v1/auth/sessions/" + sandbox + "/x/" + production))
                .isEqualTo("DELETE /api/v1/auth/sessions/" + ApiKeyFormat.mask(sandbox) + "/x/" + ApiKeyFormat.mask(production));
        assertThat(ApiKeyFormat.maskedIn("GET /api/v1/api-keys/key_0123")).isEqualTo("GET /api/v1/api-keys/key_0123");
        assertThat(ApiKeyFormat.maskedIn(null)).isNull();
    }

    @Test
    void theMaskShowsTheEnvironmentAndFourCharactersEachSide() {
        String key = ApiKeyFormat.generate(Environment.SANDBOX);
        String masked = ApiKeyFormat.mask(key);
        assertThat(masked).startsWith("awx_sandbox_" + key.substring(12, 16) + "…").endsWith(key.substring(key.length() - 4));
        assertThat(masked).hasSize("awx_sandbox_".length() + 4 + 1 + 4);
    }
}
