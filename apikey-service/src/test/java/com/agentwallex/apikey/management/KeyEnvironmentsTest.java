package com.agentwallex.apikey.management;

import static com.agentwallex.apikey.support.KeysApi.as;
import static com.agentwallex.apikey.support.KeysApi.body;
import static com.agentwallex.apikey.support.KeysApi.create;
import static com.agentwallex.apikey.support.KeysApi.created;
import static com.agentwallex.apikey.support.KeysApi.newOrg;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.agentwallex.common.testing.TestJwtKeys;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A production cluster creates production keys only: its services refuse sandbox keys and the
 * sandbox cluster never sees its keys, so a sandbox key made there would work nowhere. The policy
 * says which environments keys are created for, so the dashboard offers only those.
 */
@QuarkusTest
@TestProfile(KeyEnvironmentsTest.ProductionOnly.class)
@WithTestResource(value = TestJwtKeys.class, scope = TestResourceScope.GLOBAL)
class KeyEnvironmentsTest {

    public static class ProductionOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("awx.apikey.key-environments", "production");
        }
    }

    @Test
    void aKeyOfAnEnvironmentThisDeploymentDoesNotServeIsRefusedWithAProblemThatSaysWhere() {
        String org = newOrg();
        create(org, "free", body("sandbox", "agents:read")).then().statusCode(400)
                .contentType("application/problem+json").body("parameter", equalTo("environment"))
                .body("detail", containsString("production keys only"));
        created(org, "free", body("production", "agents:read")).then().body("key", startsWith("awx_production_"));
    }

    @Test
    void thePolicyNamesTheEnvironmentsKeysAreCreatedFor() {
        as(newOrg(), "free").get("/api/v1/api-key-policy").then().statusCode(200)
                .body("key_environments", equalTo(List.of("production")));
    }
}
