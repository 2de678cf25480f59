package com.agentwallex.auth.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.agentwallex.auth.support.Auth;
import com.agentwallex.auth.support.Database;
import com.agentwallex.common.testing.PostgresAdmin;
import com.nimbusds.jwt.SignedJWT;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * While another replica relays (holds the relay's lock), this one sends nothing, so two replicas
 * never send one organization's rows side by side and out of order; the rows go once it is done.
 */
@QuarkusTest
class OneRelayAtATimeTest {

    @Test
    void whileAnotherReplicaRelaysThisOneLeavesTheRowsToIt() throws Exception {
        try (Connection otherReplica = PostgresAdmin.connect(
                ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class))) {
            otherReplica.setAutoCommit(false);
            try (Statement lock = otherReplica.createStatement();
                 ResultSet taken = lock.executeQuery("SELECT pg_try_advisory_xact_lock(hashtext('agentwallex outbox relay'))")) {
                assertThat(taken.next() && taken.getBoolean(1)).as("the relay's lock").isTrue();
            }
            String org = SignedJWT.parse(Auth.signedIn().jsonPath().getString("access_token")).getJWTClaimsSet()
                    .getStringClaim("org_id");
            Awaitility.await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                    .until(() -> outboxRows(org) == 2);
            otherReplica.rollback();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> outboxRows(org) == 0);
        }
    }

    private static long outboxRows(String recordKey) {
        return Database.count("SELECT count(*) FROM outbox WHERE record_key = ?", recordKey);
    }
}
