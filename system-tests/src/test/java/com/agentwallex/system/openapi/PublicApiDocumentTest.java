package com.agentwallex.system.openapi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.agentwallex.common.openapi.ApiTags;
import com.agentwallex.system.support.PublicApiDocument;
import com.agentwallex.system.support.Stack;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * /openapi.json is the public API as the services describe themselves: the committed file is their
 * documents merged (run with AWX_UPDATE_OPENAPI=1 to rewrite it after an API change), the entry point
 * serves it, a standard parser reads it without complaint, and it documents errors the way they are
 * sent. ContractValidation holds every system test's traffic to it.
 */
@QuarkusTest
@WithTestResource(value = Stack.class, scope = TestResourceScope.GLOBAL)
class PublicApiDocumentTest {

    private static final Pattern SNAKE_CASE = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern CAMEL_CASE = Pattern.compile("[a-z][a-zA-Z0-9]*");

    @Test
    void theCommittedDocumentIsTheServicesDocumentsMerged() throws Exception {
        String fromServices = PublicApiDocument.write(PublicApiDocument.fromServices());
        if ("1".equals(System.getenv("AWX_UPDATE_OPENAPI"))) {
            Files.createDirectories(PublicApiDocument.COMMITTED.getParent());
            Files.writeString(PublicApiDocument.COMMITTED, fromServices);
        }
        assertThat(Files.readString(PublicApiDocument.COMMITTED))
                .as("dashboard/public/openapi.json is out of date: rerun the tests with AWX_UPDATE_OPENAPI=1 and commit it")
                .isEqualTo(fromServices);
    }

    @Test
    void theEntryPointServesTheDocument() throws Exception {
        String served = given().baseUri(Stack.entry()).get("/openapi.json").then().statusCode(200)
                .contentType("application/json").extract().asString();
        assertThat(new ObjectMapper().readTree(served)).isEqualTo(PublicApiDocument.committed());
    }

    @Test
    void aStandardParserReadsItWithoutAComplaint() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(
                PublicApiDocument.write(PublicApiDocument.committed()), null, options);
        assertThat(parsed.getMessages()).isEmpty();
        assertThat(parsed.getOpenAPI().getPaths()).containsKeys("/api/v1/api-keys", "/api/v1/auth/exchange",
                "/api/v1/audit-logs", "/.well-known/jwks.json");
    }

    @Test
    void internalAndManagementPathsAreLeftOut() {
        assertThat(PublicApiDocument.paths(PublicApiDocument.committed()))
                .isNotEmpty()
                .noneMatch(p -> p.startsWith("/internal") || p.startsWith("/q/"));
    }

    @Test
    void everyComponentItDefinesIsOneItsPathsUse() {
        JsonNode document = PublicApiDocument.committed();
        String text = PublicApiDocument.write(document.path("paths")) + PublicApiDocument.write(document.path("components"));
        List<String> unused = new ArrayList<>();
        document.path("components").properties().forEach(kind -> kind.getValue().fieldNames().forEachRemaining(name -> {
            if (!kind.getKey().equals("securitySchemes") && !text.contains("\"#/components/" + kind.getKey() + "/" + name + "\"")) {
                unused.add(kind.getKey() + "/" + name);
            }
        }));
        assertThat(unused).isEmpty();
        assertThat(document.path("components").path("schemas").fieldNames()).toIterable()
                .doesNotContain("LeaseRequest", "LeaseAnswer", "PlanChange");
    }

    private static final String OAUTH_TOKEN_ENDPOINT = "/api/v1/auth/token";

    @Test
    void everyErrorIsProblemJsonAndEveryProtectedOperationNamesOurSchemesAndDocuments401() {
        JsonNode document = PublicApiDocument.committed();
        List<String> wrong = new ArrayList<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            String name = op.getKey().toUpperCase() + " " + path.getKey();
            JsonNode responses = op.getValue().path("responses");
            responses.properties().forEach(r -> {
                if (r.getKey().startsWith("4") || r.getKey().startsWith("5")) {
                    JsonNode content = r.getValue().path("content");
                    if (OAUTH_TOKEN_ENDPOINT.equals(path.getKey())) {
                        // RFC 6749 §5.2: a token endpoint answers errors as OAuth's JSON, which OAuth clients parse
                        if (!content.path("application/json").path("schema").path("$ref").asText()
                                .equals("#/components/schemas/OAuthError") || content.size() != 1) {
                            wrong.add(name + " " + r.getKey() + " is not only OAuth's error JSON");
                        }
                    } else if (!content.has("application/problem+json") || content.size() != 1) {
                        wrong.add(name + " " + r.getKey() + " is not only application/problem+json");
                    }
                }
            });
            if (op.getValue().path("security").size() > 0 && !responses.has("401")) {
                wrong.add(name + " needs credentials but documents no 401");
            }
            op.getValue().path("security").forEach(requirement -> requirement.fieldNames().forEachRemaining(scheme -> {
                if (!document.path("components").path("securitySchemes").has(scheme)) {
                    wrong.add(name + " names an undefined security scheme " + scheme);
                }
            }));
        }));
        assertThat(wrong).isEmpty();
    }

    /**
     * A generated client names its methods after operationIds and its classes after tags: without them it
     * invents names from paths (apiV1ApiKeysPost) and our class names (ApiKeyResourceApi).
     */
    @Test
    void everyOperationHasItsOwnOperationIdAndOneDescribedTag() {
        JsonNode document = PublicApiDocument.committed();
        Set<String> described = new HashSet<>();
        document.path("tags").forEach(tag -> {
            if (!tag.path("description").asText().isBlank()) {
                described.add(tag.path("name").asText());
            }
        });
        Set<String> ids = new HashSet<>();
        Set<String> used = new HashSet<>();
        List<String> wrong = new ArrayList<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            String name = op.getKey().toUpperCase() + " " + path.getKey();
            String id = op.getValue().path("operationId").asText();
            if (!CAMEL_CASE.matcher(id).matches() || !ids.add(id)) {
                wrong.add(name + " has operationId '" + id + "', missing, not camelCase or not unique");
            }
            JsonNode tags = op.getValue().path("tags");
            if (tags.size() != 1 || !described.contains(tags.path(0).asText())) {
                wrong.add(name + " is tagged " + tags + ", not with one described tag");
            }
            used.add(tags.path(0).asText());
        }));
        assertThat(wrong).isEmpty();
        assertThat(described).as("every declared tag is used").isEqualTo(used);
        List<String> declared = new ArrayList<>();
        document.path("tags").forEach(tag -> declared.add(tag.path("name").asText()));
        assertThat(declared).as("tags in the order a reader meets them").isEqualTo(ApiTags.ORDER);
    }

    /**
     * A schema's required members are those every answer carries with a value (ApiConventions makes the
     * others nullable); ContractValidation holds the traffic to that. This catches a required name that
     * matches no member, which the annotation's plain strings allow.
     */
    @Test
    void everyRequiredMemberIsOneTheSchemaHasAndTheMainAnswersNameTheirs() {
        JsonNode schemas = PublicApiDocument.committed().path("components").path("schemas");
        List<String> wrong = new ArrayList<>();
        schemas.properties().forEach(schema -> schema.getValue().path("required").forEach(name -> {
            if (!schema.getValue().path("properties").has(name.asText())) {
                wrong.add(schema.getKey() + " requires " + name.asText() + ", which it does not have");
            }
        }));
        assertThat(wrong).isEmpty();
        Map<String, List<String>> always = Map.of(
                "ApiKeyView", List.of("id", "name", "environment", "scopes", "masked_key", "status", "created_at"),
                "ApiKeyPage", List.of("data", "has_more"),
                "AuditLogEntry", List.of("id", "type", "time", "org_id", "actor", "outcome"),
                "AuditLogPage", List.of("data", "has_more"),
                "Me", List.of("type", "organization"),
                "SessionView", List.of("id", "created_at", "current"),
                "IntegrityAnswer", List.of("org_id", "checkpoints", "jwks_uri"),
                "TokenResponse", List.of("access_token", "refresh_token", "expires_in"),
                "Problem", List.of("type", "status", "request_id"));
        always.forEach((answer, members) -> assertThat(schemas.path(answer).path("required")).as(answer + "'s required members")
                .extracting(JsonNode::asText).containsAll(members));
    }

    @Test
    void everyFieldIsNamedAsOnTheWireInSnakeCase() {
        List<String> wrong = new ArrayList<>();
        PublicApiDocument.committed().path("components").path("schemas").properties().forEach(schema ->
                schema.getValue().path("properties").fieldNames().forEachRemaining(field -> {
                    if (!SNAKE_CASE.matcher(field).matches()) {
                        wrong.add(schema.getKey() + "." + field);
                    }
                }));
        assertThat(wrong).isEmpty();
    }
}
