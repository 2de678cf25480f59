package com.agentwallex.system.errors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.agentwallex.system.support.Issued;
import com.agentwallex.system.support.RawHttp;
import com.agentwallex.system.support.Stack;
import com.agentwallex.system.support.Users;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What a service cannot decode is the caller's 400, never a 500: a query string with a bad
 * percent-escape, a token request's form with one (OAuth's invalid_request), a Cookie header the
 * standard parser throws on.
 */
@QuarkusTest
@WithTestResource(value = Stack.class, scope = TestResourceScope.GLOBAL)
class UndecodableRequestsTest {

    private static final String TOKEN_PATH = "/api/v1/auth/token";
    private static final String GRANT = "urn:ietf:params:oauth:grant-type:token-exchange";

    /** Refused by Quarkus before any route of ours (README, where we differ): a bare 400, never a 500. */
    @Test
    void aQueryWithABadPercentEscapeIsA400AtEveryService() throws IOException {
        String bearer = "Authorization: Bearer " + Users.signIn().accessToken();
        for (String target : List.of("/api/v1/api-keys?limit=%zz", "/api/v1/audit-logs?type=%zz",
                "/api/v1/audit-logs/export?format=%", "/auth/google/redirect?return_to=%zz")) {
            assertThat(RawHttp.get(target, bearer)).as(target).startsWith("HTTP/1.1 400 ");
        }
    }

    @Test
    void aTokenRequestWhoseFormCannotBeDecodedIsOAuthsInvalidRequest() throws IOException {
        String key = Users.createKey(Users.signIn(), "production", "audit:read").path("key");
        for (String form : List.of("grant_type=%zz", "grant_type=" + URLEncoder.encode(GRANT, StandardCharsets.UTF_8) + "&scope=%")) {
            String answer = RawHttp.post(TOKEN_PATH, "application/x-www-form-urlencoded", form, "X-API-Key: " + key);
            assertThat(answer).as(form).startsWith("HTTP/1.1 400 ").contains("\"error\":\"invalid_request\"");
        }
    }

    /** A form's escapes are UTF-8 whatever charset its Content-Type names, as browsers send them. */
    @Test
    void aTokenRequestNamingACharsetNoOneKnowsIsReadAsUtf8() throws IOException {
        String key = Users.createKey(Users.signIn(), "production", "audit:read").path("key");
        String answer = RawHttp.post(TOKEN_PATH, "application/x-www-form-urlencoded; charset=nope",
                "grant_type=" + URLEncoder.encode(GRANT, StandardCharsets.UTF_8), "X-API-Key: " + key);
        assertThat(answer).startsWith("HTTP/1.1 200 ");
        Matcher token = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(answer);
        assertThat(token.find()).isTrue();
        Issued.secret(token.group(1));
    }

    @Test
    void aCookieHeaderTheStandardParserThrowsOnLeavesTheExchangeToItsOwnChecks() {
        given().baseUri(Stack.entry()).header("Cookie", "$Version=x").contentType("application/json")
                .body(Map.of("exchange_code", "awx_ec_unknown")).post("/api/v1/auth/exchange")
                .then().statusCode(400).contentType("application/problem+json");
    }
}
