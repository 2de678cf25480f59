package com.agentwallex.audit.integrity;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.agentwallex.audit.support.AuditApi;
import com.agentwallex.audit.support.ChainReader;
import com.agentwallex.audit.support.TestEvents;
import com.agentwallex.common.testing.TestJwtKeys;
import com.agentwallex.common.testing.Tokens;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = TestJwtKeys.class, scope = TestResourceScope.GLOBAL)
class IntegrityEndpointTest {

    private final IntegrityService checkpoints;

    IntegrityEndpointTest(IntegrityService checkpoints) {
        this.checkpoints = checkpoints;
    }

    @Test
    void aRangeGivesItsSignedCheckpointsAndTheLinksTheFeedShows() {
        String org = IntegrityFixture.orgWith(6);
        checkpoints.checkpoint();
        JsonNode answer = ChainReader.read(AuditApi.as(Tokens.forOrg(org)).queryParams(Map.of("from_seq", 2, "to_seq", 6))
                .get(IntegrityFixture.INTEGRITY).then().statusCode(200).extract().asString());
        List<JsonNode> feed = ChainReader.after(Tokens.forOrg(org), 1, Map.of());
        assertThat(answer.get("links")).hasSize(5);
        for (int i = 0; i < 5; i++) {
            assertThat(answer.get("links").get(i).get("hash").asText()).isEqualTo(feed.get(i).get("hash").asText());
            assertThat(answer.get("links").get(i).get("prev_hash").asText()).isEqualTo(feed.get(i).get("prev_hash").asText());
        }
        assertThat(answer.get("checkpoints")).hasSize(1);
        assertThat(answer.get("checkpoints").get(0).get("seq").asLong()).isEqualTo(6);
        assertThat(answer.get("checkpoints").get(0).get("hash").asText()).isEqualTo(feed.get(4).get("hash").asText());
        assertThat(answer.get("latest_checkpoint").get("jws").asText()).isEqualTo(answer.get("checkpoints").get(0).get("jws").asText());
        assertThat(answer.get("jwks_uri").asText()).isEqualTo(IntegrityFixture.JWKS);
    }

    @Test
    void aQuietChainGetsNoNewCheckpoint() {
        String org = IntegrityFixture.orgWith(2);
        checkpoints.checkpoint();
        checkpoints.checkpoint();
        AuditApi.as(Tokens.forOrg(org)).get(IntegrityFixture.INTEGRITY).then().statusCode(200)
                .body("checkpoints.size()", equalTo(1)).body("head.seq", equalTo(2));
    }

    @Test
    void theCheckpointKeysArePublishedToAnyoneAsAJwks() {
        JsonNode jwks = ChainReader.read(given().get(IntegrityFixture.JWKS).then().statusCode(200)
                .contentType("application/jwk-set+json").extract().asString());
        assertThat(jwks.get("keys")).isNotEmpty();
        assertThat(jwks.get("keys").get(0).get("alg").asText()).isEqualTo("ES256");
        assertThat(jwks.get("keys").get(0).has("d")).isFalse();
    }

    @Test
    void badRangesAreA400NamingTheParameter() {
        String token = Tokens.forOrg(TestEvents.newOrg());
        for (Object[] bad : new Object[][] {{"from_seq", "0", "from_seq"}, {"to_seq", "x", "to_seq"}, {"links", "maybe", "links"},
                {"to_seq", "20001", "to_seq"}}) {
            AuditApi.as(token).queryParam((String) bad[0], bad[1]).get(IntegrityFixture.INTEGRITY).then().statusCode(400)
                    .contentType("application/problem+json").body("parameter", equalTo(bad[2]));
        }
        AuditApi.as(token).queryParams(Map.of("from_seq", 5, "to_seq", 4)).get(IntegrityFixture.INTEGRITY).then()
                .statusCode(400).body("parameter", equalTo("to_seq"));
        AuditApi.as(token).queryParam("cursor", "x").get(IntegrityFixture.INTEGRITY).then().statusCode(400);
    }

    @Test
    void noCredentialIsA401AndATokenWithoutAuditReadIsA403() {
        given().get(IntegrityFixture.INTEGRITY).then().statusCode(401).contentType("application/problem+json");
        AuditApi.as(Tokens.accessToken(TestEvents.newOrg(), c -> c.claim("scope", "agents:read")))
                .get(IntegrityFixture.INTEGRITY).then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void anotherOrganizationsChainIsNeverVisible() {
        String org = IntegrityFixture.orgWith(1);
        checkpoints.checkpoint();
        AuditApi.as(Tokens.forOrg(TestEvents.newOrg())).get(IntegrityFixture.INTEGRITY).then().statusCode(200)
                .body("checkpoints.size()", equalTo(0)).body("links.size()", equalTo(0));
        assertThat(org).isNotBlank();
    }
}
