package com.agentwallex.system.openapi;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.agentwallex.sdk.AgentWallex;
import com.agentwallex.system.support.ContractValidation;
import com.agentwallex.system.support.PublicApiDocument;
import com.agentwallex.system.support.Stack;
import com.agentwallex.system.support.Users;
import com.agentwallex.system.support.ValidatingHttpClient;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.http.HttpClient;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The contract filter fails a test on drift: shown with copies of /openapi.json that each tell one
 * lie about a real exchange through the entry point, and with the true document, which passes.
 */
@QuarkusTest
@WithTestResource(value = Stack.class, scope = TestResourceScope.GLOBAL)
class ContractValidationTest {

    private static ContractValidation against(Consumer<ObjectNode> lie) {
        ObjectNode document = PublicApiDocument.committed().deepCopy();
        lie.accept(document);
        return new ContractValidation(PublicApiDocument.write(document), Stack::ourPorts);
    }

    private static ObjectNode listKeys(ObjectNode document) {
        return (ObjectNode) document.path("paths").path("/api/v1/api-keys").path("get");
    }

    @Test
    void theTrueDocumentPassesARealExchange() {
        Users.Session user = Users.signIn();
        user.bearer().filter(against(document -> { })).get("/api/v1/api-keys").then().statusCode(200);
    }

    @Test
    void anUndocumentedStatusFailsTheTest() {
        Users.Session user = Users.signIn();
        ContractValidation lying = against(document -> {
            ObjectNode responses = (ObjectNode) listKeys(document).path("responses");
            responses.set("299", responses.remove("200"));
        });
        assertThatThrownBy(() -> user.bearer().filter(lying).get("/api/v1/api-keys"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("status.unknown");
    }

    @Test
    void aBodyOfAnotherShapeFailsTheTest() {
        Users.Session user = Users.signIn();
        ContractValidation lying = against(document -> ((ObjectNode) document.path("components").path("schemas")
                .path("ApiKeyPage").path("properties").path("has_more")).put("type", "string"));
        assertThatThrownBy(() -> user.bearer().filter(lying).get("/api/v1/api-keys"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("has_more").hasMessageContaining("string");
    }

    @Test
    void aMemberTheDocumentDoesNotNameFailsTheTest() {
        Users.Session user = Users.signIn();
        ContractValidation lying = against(document -> ((ObjectNode) document.path("components").path("schemas")
                .path("ApiKeyPage").path("properties")).remove("has_more"));
        assertThatThrownBy(() -> user.bearer().filter(lying).get("/api/v1/api-keys"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("has_more");
    }

    @Test
    void anAcceptedRequestTheDocumentDoesNotAllowFailsTheTest() {
        Users.Session user = Users.signIn();
        ContractValidation requiring = against(document -> listKeys(document).withArray("parameters").addObject()
                .put("name", "org_hint").put("in", "query").put("required", true).putObject("schema").put("type", "string"));
        assertThatThrownBy(() -> user.bearer().filter(requiring).get("/api/v1/api-keys"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("org_hint");
    }

    @Test
    void theSdksExchangesAreHeldToTheSameDocument() {
        Users.Session user = Users.signIn();
        String key = Users.createKey(user, "production", "audit:read").path("key");
        ContractValidation lying = against(document -> ((ObjectNode) document.path("components").path("schemas")
                .path("AuditLogPage").path("properties")).remove("next_cursor"));
        AgentWallex sdk = AgentWallex.builder().apiKey(key).baseUrl(Stack.entry())
                .httpClient(new ValidatingHttpClient(HttpClient.newHttpClient(), lying)).build();
        assertThatThrownBy(() -> sdk.auditLogs().list().iterator().hasNext())
                .isInstanceOf(AssertionError.class).hasMessageContaining("next_cursor");
        AgentWallex honest = AgentWallex.builder().apiKey(key).baseUrl(Stack.entry())
                .httpClient(new ValidatingHttpClient(HttpClient.newHttpClient(), against(document -> { }))).build();
        honest.auditLogs().list().iterator().hasNext();
    }
}
