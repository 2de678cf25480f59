package com.agentwallex.apikey;

import static com.agentwallex.apikey.support.KeysApi.as;
import static com.agentwallex.apikey.support.KeysApi.body;
import static com.agentwallex.apikey.support.KeysApi.createdSandboxKey;
import static com.agentwallex.apikey.support.KeysApi.newOrg;
import static com.agentwallex.apikey.support.KeysApi.rotate;
import static org.assertj.core.api.Assertions.assertThat;

import com.agentwallex.contract.apikey.ApiKeyFormat;
import com.agentwallex.common.testing.PostgresAdmin;
import com.agentwallex.common.testing.TestJwtKeys;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = TestJwtKeys.class, scope = TestResourceScope.GLOBAL)
class KeyStorageTest {

    @Test
    void aDumpOfTheDatabaseHoldsNoPlaintextKey() throws Exception {
        String org = newOrg();
        var created = createdSandboxKey(org, "agents:read");
        var successor = rotate(org, created.path("id"), 60L).then().statusCode(201).extract().response();
        // an answer kept for Idempotency-Key retries holds the full key too
        var remembered = as(org, "free").header("Idempotency-Key", UUID.randomUUID().toString())
                .body(body("sandbox", "agents:read")).post("/api/v1/api-keys").then().statusCode(201).extract().response();
        List<String> keys = List.of(created.path("key"), successor.path("key"), remembered.path("key"));

        String dump = pgDump();
        assertThat(dump).contains(created.<String>path("id"), org); // the dump is the real thing
        assertThat(dump).contains("COPY public.idempotent_answers");
        for (String key : keys) {
            assertThat(dump).doesNotContain(key);
            // not even the secret part on its own, in any column or the outbox
            assertThat(dump).doesNotContain(key.substring("awx_sandbox_".length(), key.length() - 4));
        }
        assertThat(dump).doesNotContainPattern(ApiKeyFormat.SCANNER_REGEX);
    }

    private static String pgDump() throws Exception {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        String hostPortDb = url.substring("jdbc:postgresql://".length());
        String host = hostPortDb.substring(0, hostPortDb.indexOf(':'));
        String port = hostPortDb.substring(hostPortDb.indexOf(':') + 1, hostPortDb.indexOf('/'));
        String db = hostPortDb.substring(hostPortDb.indexOf('/') + 1);
        ProcessBuilder dump = new ProcessBuilder("pg_dump", "-h", host, "-p", port, "-U", PostgresAdmin.user(), "--data-only", db)
                .redirectErrorStream(true);
        dump.environment().putAll(PostgresAdmin.toolEnvironment());
        Process p = dump.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }
}
