package com.agentwallex.apikey.rotation;

import static com.agentwallex.apikey.support.KeysApi.body;
import static com.agentwallex.apikey.support.KeysApi.created;
import static com.agentwallex.apikey.support.KeysApi.newOrg;
import static com.agentwallex.apikey.support.KeysApi.read;
import static com.agentwallex.apikey.support.KeysApi.rotate;
import static org.assertj.core.api.Assertions.assertThat;

import com.agentwallex.common.testing.TestJwtKeys;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = TestJwtKeys.class, scope = TestResourceScope.GLOBAL)
class RotationTest {

    @Test
    void rotatingNeverExtendsAKeysLifeTheSuccessorEndsWhenItsPredecessorWould() {
        String org = newOrg();
        Instant ends = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
        String id = keyEnding(org, ends);

        Instant before = Instant.now();
        var successor = rotate(org, id, 3600L).then().statusCode(201).extract().response();

        assertThat(Instant.parse(successor.path("expires_at"))).isEqualTo(ends);
        assertThat(Instant.parse(read(org, successor.path("id")).path("expires_at"))).isEqualTo(ends);
        assertThat(Instant.parse(read(org, id).path("expires_at")))
                .isBetween(before.plusSeconds(3600).minusSeconds(1), Instant.now().plusSeconds(3600));
    }

    @Test
    void aKeyEndingBeforeTheGraceKeepsItsOwnEndAndSoDoesItsSuccessor() {
        String org = newOrg();
        Instant ends = Instant.now().plus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS);
        String id = keyEnding(org, ends);

        var successor = rotate(org, id, 86_400L).then().statusCode(201).extract().response();

        assertThat(Instant.parse(read(org, id).path("expires_at"))).isEqualTo(ends);
        assertThat(Instant.parse(successor.path("expires_at"))).isEqualTo(ends);
    }

    @Test
    void aKeyWithoutAnEndGivesASuccessorWithoutAnEnd() {
        String org = newOrg();
        String id = created(org, "free", body("sandbox", "agents:read")).path("id");
        var successor = rotate(org, id, 60L).then().statusCode(201).extract().response();
        assertThat(successor.<String>path("expires_at")).isNull();
    }

    private static String keyEnding(String org, Instant ends) {
        Map<String, Object> request = body("sandbox", "agents:read");
        request.put("expires_at", ends.toString());
        return created(org, "free", request).path("id");
    }
}
