package com.agentwallex.apikey.verification;

import static com.agentwallex.apikey.support.KeysApi.freshIp;
import static com.agentwallex.apikey.support.KeysApi.newSandboxKey;
import static com.agentwallex.apikey.support.KeysApi.revoke;
import static com.agentwallex.apikey.support.KeysApi.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.agentwallex.common.testing.TestJwtKeys;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code fresh}: the key as stored, past this replica's cache, for a caller about to make a
 * credential that outlives the cache (auth-service's agent tokens).
 */
@QuarkusTest
@WithTestResource(value = TestJwtKeys.class, scope = TestResourceScope.GLOBAL)
class FreshVerifyTest {

    private final AgroalDataSource db;

    FreshVerifyTest(AgroalDataSource db) {
        this.db = db;
    }

    @Test
    void aFreshVerifyAnswersTheKeyAsStoredAndTheCacheTakesThatAnswer() throws Exception {
        var key = newSandboxKey("agents:read", "agents:write");
        String ip = freshIp();
        verify(key.key(), ip).then().statusCode(200);
        // changed where no revocation tells the cache: only a read of the table sees it
        try (Connection c = db.getConnection();
             PreparedStatement narrow = c.prepareStatement("UPDATE api_keys SET scopes = ARRAY['agents:read'] WHERE id = ?")) {
            narrow.setString(1, key.id());
            assertThat(narrow.executeUpdate()).isEqualTo(1);
        }

        List<String> fresh = verify(Map.of("key", key.key(), "client_ip", ip, "fresh", true)).then().statusCode(200)
                .extract().path("scopes");
        List<String> after = verify(key.key(), ip).then().statusCode(200).extract().path("scopes");

        assertThat(fresh).containsExactly("agents:read");
        assertThat(after).containsExactly("agents:read");
    }

    @Test
    void aFreshVerifyOfARevokedKeyIsRevoked() {
        var key = newSandboxKey("agents:read");
        String ip = freshIp();
        verify(key.key(), ip).then().statusCode(200);
        revoke(key.org(), key.id()).then().statusCode(204);

        verify(Map.of("key", key.key(), "client_ip", ip, "fresh", true)).then().statusCode(200)
                .body("valid", equalTo(false)).body("code", equalTo("REVOKED"));
    }
}
