package com.agentwallex.apikey.verification;

import static com.agentwallex.apikey.support.KeysApi.code;
import static com.agentwallex.apikey.support.KeysApi.createdSandboxKey;
import static com.agentwallex.apikey.support.KeysApi.freshIp;
import static com.agentwallex.apikey.support.KeysApi.newOrg;
import static org.assertj.core.api.Assertions.assertThat;

import com.agentwallex.common.testing.TestJwtKeys;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = TestJwtKeys.class, scope = TestResourceScope.GLOBAL)
class TypoNeverReachesTheDatabaseTest {

    @Inject
    MeterRegistry registry;

    @Test
    void everyOneCharacterTypoIsMalformedWithoutALookup() {
        String key = createdSandboxKey(newOrg(), "agents:read").path("key");
        String ip = freshIp();
        double lookupsBefore = lookups();
        // Every position after the prefix, changed to a character that keeps the shape valid.
        for (int i = "awx_sandbox_".length(); i < key.length(); i++) {
            char c = key.charAt(i);
            String typo = key.substring(0, i) + (c == 'a' ? 'b' : 'a') + key.substring(i + 1);
            assertThat(code(typo, ip)).as("typo at %d", i).isEqualTo("MALFORMED");
            if (i % 8 == 0) {
                ip = freshIp(); // stay far below the per-source failure limit
            }
        }
        assertThat(lookups()).as("cache misses that went to PostgreSQL").isEqualTo(lookupsBefore);
        assertThat(code(key, freshIp())).isEqualTo("VALID");
    }

    private double lookups() {
        return registry.get("awx.apikey.verify.cache").tag("result", "miss").counter().count();
    }
}
