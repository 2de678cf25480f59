package com.agentwallex.system.support;

import com.agentwallex.common.openapi.ApiTags;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The public API's one OpenAPI document: the union of what each service documents about itself
 * (written by its build to target/openapi), without the paths the entry point does not route
 * (/internal/, /q/) and the components only they use. It is committed where the dashboard serves it (/openapi.json), and a test
 * fails when the services' documents and it part ways.
 */
public final class PublicApiDocument {

    /** Served by the dashboard at /openapi.json, so Vite copies it verbatim into every build. */
    public static final Path COMMITTED = Stack.ROOT.resolve("dashboard/public/openapi.json");
    private static final List<String> SERVICES = List.of("auth-service", "apikey-service", "audit-service");
    private static final List<String> UNPUBLISHED = List.of("/internal/", "/q/");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REF = "#/components/";

    private PublicApiDocument() {
    }

    /** The document as the services' builds describe them now. */
    public static ObjectNode fromServices() {
        List<JsonNode> documents = new ArrayList<>();
        for (String service : SERVICES) {
            Path document = Stack.ROOT.resolve(service).resolve("target/openapi/openapi.json");
            if (!Files.isRegularFile(document)) {
                throw new IllegalStateException(document + " is missing: build the services first (mvn install)");
            }
            documents.add(read(document));
        }
        return merge(documents);
    }

    public static JsonNode committed() {
        return read(COMMITTED);
    }

    static ObjectNode merge(List<JsonNode> documents) {
        ObjectNode merged = JSON.createObjectNode();
        merged.put("openapi", documents.get(0).path("openapi").asText());
        ObjectNode info = merged.putObject("info");
        info.put("title", "AgentWallex API");
        info.put("version", documents.get(0).path("info").path("version").asText());
        info.put("description", "Authentication, API keys and the audit log of the AgentWallex API. Errors are "
                + "application/problem+json (RFC 9457). Authenticate with X-API-Key (server to server) or a bearer "
                + "access token (signed-in users).");
        merged.putArray("servers").addObject().put("url", "https://api.agentwallex.com");
        Map<String, JsonNode> paths = new TreeMap<>();
        Map<String, Map<String, JsonNode>> components = new TreeMap<>();
        Map<String, JsonNode> tags = new TreeMap<>();
        for (JsonNode document : documents) {
            document.path("paths").properties().forEach(path -> {
                if (UNPUBLISHED.stream().noneMatch(prefix -> path.getKey().startsWith(prefix))) {
                    putOnce(paths, "path " + path.getKey(), path.getKey(), path.getValue());
                }
            });
            document.path("components").properties().forEach(kind -> kind.getValue().properties().forEach(
                    item -> putOnce(components.computeIfAbsent(kind.getKey(), k -> new TreeMap<>()),
                            kind.getKey() + " " + item.getKey(), item.getKey(), item.getValue())));
            document.path("tags").forEach(tag -> putOnce(tags, "tag " + tag.path("name").asText(),
                    tag.path("name").asText(), tag));
        }
        ObjectNode pathsNode = merged.putObject("paths");
        paths.forEach(pathsNode::set);
        Set<String> reached = reachedFrom(pathsNode, components);
        ObjectNode componentsNode = merged.putObject("components");
        components.forEach((kind, items) -> {
            ObjectNode kindNode = componentsNode.putObject(kind);
            items.forEach((name, item) -> {
                // Security schemes are named by operations' requirements, not by $ref.
                if (kind.equals("securitySchemes") || reached.contains(REF + kind + "/" + name)) {
                    kindNode.set(name, item);
                }
            });
        });
        if (!tags.isEmpty()) {
            ArrayNode tagsNode = merged.putArray("tags");
            // In the order a reader meets them (ApiTags), as each service's own document has them.
            tags.values().stream().sorted(Comparator.comparingInt(tag -> tagRank(tag.path("name").asText())))
                    .forEach(tagsNode::add);
        }
        return merged;
    }

    /**
     * The components the published paths refer to, directly or through other components: what only the
     * internal paths use (rate-limit leases, plan changes, usage reports) stays out of the public document.
     */
    private static Set<String> reachedFrom(JsonNode paths, Map<String, Map<String, JsonNode>> components) {
        Set<String> reached = new HashSet<>();
        Deque<JsonNode> toVisit = new ArrayDeque<>(List.of(paths));
        while (!toVisit.isEmpty()) {
            JsonNode node = toVisit.pop();
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual() && ref.asText().startsWith(REF) && reached.add(ref.asText())) {
                String[] kindAndName = ref.asText().substring(REF.length()).split("/", 2);
                JsonNode target = components.getOrDefault(kindAndName[0], Map.of()).get(kindAndName[1]);
                if (target != null) {
                    toVisit.push(target);
                }
            }
            node.forEach(toVisit::push);
        }
        return reached;
    }

    private static int tagRank(String name) {
        int rank = ApiTags.ORDER.indexOf(name);
        return rank < 0 ? ApiTags.ORDER.size() : rank;
    }

    /** Two services may share a definition (the contract's Problem), never give one name two meanings. */
    private static void putOnce(Map<String, JsonNode> into, String what, String name, JsonNode value) {
        JsonNode before = into.putIfAbsent(name, value);
        if (before != null && !before.equals(value)) {
            throw new IllegalStateException("two services define " + what + " differently; give one another name");
        }
    }

    public static String write(JsonNode document) {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withObjectIndenter(
                new DefaultIndenter("  ", "\n"));
        try {
            return JSON.writer(printer).writeValueAsString(document) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<String> paths(JsonNode document) {
        List<String> paths = new ArrayList<>();
        for (Iterator<String> it = document.path("paths").fieldNames(); it.hasNext();) {
            paths.add(it.next());
        }
        return paths;
    }

    static JsonNode parse(String document) {
        try {
            return JSON.readTree(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
