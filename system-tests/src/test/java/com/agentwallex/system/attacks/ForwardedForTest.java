package com.agentwallex.system.attacks;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.agentwallex.system.support.AuditTrail;
import com.agentwallex.system.support.AuditTrail.Entry;
import com.agentwallex.system.support.Issued;
import com.agentwallex.system.support.Stack;
import com.agentwallex.system.support.Users;
import com.agentwallex.system.support.Users.Session;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a client says about its own address is not believed: through the real entry point a forged
 * X-Forwarded-For neither passes an IP allowlist, nor escapes or aims the failed-grant limiter,
 * nor lands in the audit log. Clients here connect from their own loopback addresses (127.0.0.x),
 * so each has an address of its own for the entry point to report.
 */
@QuarkusTest
@WithTestResource(value = Stack.class, scope = TestResourceScope.GLOBAL)
class ForwardedForTest {

    private static final String FORGED = "203.0.113.7";

    @Test
    void aForgedAddressPassesNoAllowlistAndTheAuditLogRecordsTheRealOne() {
        Session user = Users.onGrowthPlan(Users.signIn());
        String forgedOnly = createKey(user, List.of(FORGED + "/32"));
        String realAddress = createKey(user, List.of("127.0.0.21/32"));

        Stack.entryFrom("127.0.0.21").header("X-Forwarded-For", FORGED).header("X-API-Key", forgedOnly)
                .get("/api/v1/audit-logs").then().statusCode(401);
        Stack.entryFrom("127.0.0.21").header("X-Forwarded-For", FORGED).header("X-API-Key", realAddress)
                .get("/api/v1/audit-logs").then().statusCode(200);

        List<Entry> trail = AuditTrail.await(user.accessToken(),
                e -> e.type().equals("api_key.verification_failed") || e.type().equals("api_key.used"), 2,
                Duration.ofSeconds(30));
        assertThat(trail).filteredOn(e -> e.type().startsWith("api_key.") && !e.type().equals("api_key.created"))
                .extracting(Entry::clientIp).containsOnly("127.0.0.21");
        assertThat(trail).extracting(Entry::clientIp).doesNotContain(FORGED);
    }

    @Test
    void aForgedAddressNeitherEscapesTheFailedGrantLimiterNorLocksOutItsVictim() {
        for (int i = 0; i < 20; i++) {
            Stack.entryFrom("127.0.0.22").header("X-Forwarded-For", "198.51.100." + i).contentType(ContentType.JSON)
                    .body(Map.of("refresh_token", "awx_rt_" + "x".repeat(43))).post("/api/v1/auth/refresh")
                    .then().statusCode(400);
        }
        Stack.entryFrom("127.0.0.22").header("X-Forwarded-For", "198.51.100.99").contentType(ContentType.JSON)
                .body(Map.of("refresh_token", "awx_rt_" + "y".repeat(43))).post("/api/v1/auth/refresh")
                .then().statusCode(429);

        // those failures were all aimed at 127.0.0.23 by name: it is not locked out
        Stack.entryFrom("127.0.0.23").contentType(ContentType.JSON).body(Map.of("refresh_token", "awx_rt_" + "z".repeat(43)))
                .post("/api/v1/auth/refresh").then().statusCode(400);
    }

    private static String createKey(Session user, List<String> allowlist) {
        String key = user.bearer().contentType(ContentType.JSON).body(Map.of("name", "allowlisted", "environment",
                        "production", "scopes", List.of("audit:read"), "ip_allowlist", allowlist))
                .post("/api/v1/api-keys").then().statusCode(201).extract().path("key");
        return Issued.secret(key);
    }
}
