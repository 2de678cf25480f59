package com.agentwallex.system.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.agentwallex.contract.apikey.ApiKeyFormat;
import com.agentwallex.sdk.AgentWallex;
import com.agentwallex.sdk.InvalidApiKeyException;
import org.junit.jupiter.api.Test;

/**
 * The SDK restates the key format instead of depending on common (it must not pull the services'
 * stack into customers' builds): here the two are held to the same verdicts.
 */
class KeyFormatAgreementTest {

    @Test
    void theSdkAcceptsEveryKeyTheServiceMakesAndRefusesEveryOneCharacterChangeTheServiceRefuses() {
        for (ApiKeyFormat.Environment environment : ApiKeyFormat.Environment.values()) {
            for (int i = 0; i < 200; i++) {
                String key = ApiKeyFormat.generate(environment);
                assertThat(AgentWallex.builder().apiKey(key).build().baseUrl().getHost()).isNotBlank();
                int at = 4 + (i % (key.length() - 4));
                String changed = key.substring(0, at) + (key.charAt(at) == 'x' ? 'y' : 'x') + key.substring(at + 1);
                boolean serviceAccepts = ApiKeyFormat.parse(changed).isPresent();
                boolean sdkAccepts;
                try {
                    AgentWallex.builder().apiKey(changed).build();
                    sdkAccepts = true;
                } catch (InvalidApiKeyException e) {
                    sdkAccepts = false;
                }
                assertThat(sdkAccepts).as(changed).isEqualTo(serviceAccepts);
            }
        }
    }
}
