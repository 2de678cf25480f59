package com.agentwallex.system.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Bodies held to the document's schemas with networknt's JSON Schema validator (draft 2020-12, the
 * dialect of OpenAPI 3.1, which Atlassian's validator does not check bodies against). Objects are
 * closed: a member the document does not name is drift too.
 */
final class BodySchemas {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private final JsonNode document;
    private final JsonNode closedComponents;
    private final Map<String, Optional<Schema>> schemas = new ConcurrentHashMap<>();

    BodySchemas(JsonNode document) {
        this.document = document;
        this.closedComponents = closeObjects(document.path("components").deepCopy());
    }

    /** What is wrong with a response body, if anything; an operation or status the document lacks is not this class's to report. */
    List<String> response(String method, String rawPath, int status, String contentType, String body) {
        return operation(method, rawPath).map(op -> {
            JsonNode responses = op.path("responses");
            JsonNode response = responses.has(String.valueOf(status)) ? responses.path(String.valueOf(status)) : responses.path("default");
            return check("response " + status, response.path("content"), contentType, body);
        }).orElse(List.of());
    }

    List<String> request(String method, String rawPath, String contentType, String body) {
        return operation(method, rawPath).map(op -> check("request", op.path("requestBody").path("content"), contentType, body))
                .orElse(List.of());
    }

    private List<String> check(String what, JsonNode content, String contentType, String body) {
        if (body == null || body.isEmpty() || contentType == null) {
            return List.of();
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        JsonNode schemaNode = content.path(mediaType).path("schema");
        // one JSON document per body: application/json and +json types, not NDJSON's stream of them
        boolean oneJsonDocument = mediaType.equals("application/json") || mediaType.endsWith("+json");
        if (schemaNode.isMissingNode() || !oneJsonDocument) {
            return List.of();
        }
        Optional<Schema> schema = schemas.computeIfAbsent(schemaNode.toString(), key -> Optional.of(compile(schemaNode)));
        List<String> problems = new ArrayList<>();
        schema.get().validate(body, InputFormat.JSON).forEach(error -> problems.add(what + " body: " + error));
        return problems;
    }

    private Schema compile(JsonNode schemaNode) {
        ObjectNode root = closeObjects(schemaNode.deepCopy()) instanceof ObjectNode o ? o : JSON.createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.set("components", closedComponents);
        return REGISTRY.getSchema(root.toString());
    }

    private Optional<JsonNode> operation(String method, String rawPath) {
        JsonNode exact = document.path("paths").path(rawPath);
        if (!exact.isMissingNode()) {
            return Optional.ofNullable(exact.get(method.toLowerCase(Locale.ROOT)));
        }
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            if (path.getKey().contains("{") && template(path.getKey()).matcher(rawPath).matches()) {
                return Optional.ofNullable(path.getValue().get(method.toLowerCase(Locale.ROOT)));
            }
        }
        return Optional.empty();
    }

    private static Pattern template(String path) {
        StringBuilder regex = new StringBuilder();
        for (String part : path.split("(?=\\{)|(?<=\\})")) {
            regex.append(part.startsWith("{") ? "[^/]+" : Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }

    /** Every object schema that names its members and says nothing of others admits no others. */
    private static JsonNode closeObjects(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.has("properties") && !object.has("additionalProperties")) {
                object.put("additionalProperties", false);
            }
            object.forEach(BodySchemas::closeObjects);
        } else if (node.isArray()) {
            node.forEach(BodySchemas::closeObjects);
        }
        return node;
    }
}
