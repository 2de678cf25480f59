package com.agentwallex.apikey;

import static com.agentwallex.apikey.support.KeysApi.as;
import static com.agentwallex.apikey.support.KeysApi.body;
import static com.agentwallex.apikey.support.KeysApi.create;
import static com.agentwallex.apikey.support.KeysApi.createdSandboxKey;
import static com.agentwallex.apikey.support.KeysApi.freshIp;
import static com.agentwallex.apikey.support.KeysApi.newOrg;
import static com.agentwallex.apikey.support.KeysApi.revoke;
import static com.agentwallex.apikey.support.KeysApi.rotate;
import static com.agentwallex.apikey.support.KeysApi.verify;
import static org.assertj.core.api.Assertions.assertThat;

import com.agentwallex.contract.apikey.ApiKeyFormat;
import com.agentwallex.common.testing.TestJwtKeys;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = TestJwtKeys.class, scope = TestResourceScope.GLOBAL)
class LogHygieneTest {

    private static final Path LOG = Path.of("target", "apikey-service-test.log");

    @Test
    void noKeyEverAppearsInTheServiceLogOrAnErrorBody() throws Exception {
        String org = newOrg();
        Response created = createdSandboxKey(org, "agents:read");
        String key = created.path("key");
        List<Response> errors = new ArrayList<>();
        // keys pasted into the wrong fields, where a careless error message would echo them
        Map<String, Object> misplaced = body("sandbox", key);
        errors.add(create(org, "free", misplaced));
        Map<String, Object> asCidr = body("sandbox", "agents:read");
        asCidr.put("ip_allowlist", List.of(key));
        errors.add(create(org, "enterprise", asCidr));
        errors.add(as(org, "free").body(Map.of("name", key, "environment", key, "scopes", List.of(key)))
                .post("/api/v1/api-keys"));
        errors.add(as(org, "free").body("{\"name\": \"" + key + "\", ").post("/api/v1/api-keys"));
        errors.add(as(org, "free").get("/api/v1/api-keys/" + key));
        errors.add(verify(Map.of("key", key, "client_ip", key)));
        errors.add(verify(Map.of("key", key, "client_ip", freshIp(), "required_scopes", List.of(key))));
        for (Response r : errors) {
            assertThat(r.statusCode()).isBetween(400, 499);
            assertThat(r.asString()).doesNotContain(key).doesNotContainPattern(ApiKeyFormat.SCANNER_REGEX);
        }
        verify(key, freshIp()).then().statusCode(200);
        String successor = rotate(org, created.path("id"), 0L).then().statusCode(201).extract().path("key");
        verify(successor, freshIp()).then().statusCode(200);
        revoke(org, created.path("id")).then().statusCode(204);

        String log = Files.readString(LOG);
        assertThat(log).isNotEmpty();
        assertThat(log).doesNotContain(key, successor);
        // the shape scan below would find these keys had they been written
        assertThat(List.of(key, successor)).allMatch(k -> k.matches(ApiKeyFormat.SCANNER_REGEX));
        assertThat(java.util.regex.Pattern.compile(ApiKeyFormat.SCANNER_REGEX).matcher(log).results().toList()).isEmpty();
    }
}
