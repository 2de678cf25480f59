package com.agentwallex.common.openapi;

import com.agentwallex.contract.problem.Problem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;
import org.eclipse.microprofile.openapi.models.tags.Tag;

/**
 * What every AgentWallex service's OpenAPI document says the same way: the two ways in
 * ({@value #API_KEY} and {@value #BEARER} security schemes); every error as RFC 9457
 * problem+json with its {@code request_id}, plus the headers that come with 401, 429 and 503
 * (resources declare which status codes they answer, this fills in what those answers look like);
 * and that a member a schema does not require may be sent as null (the views are Java records, and
 * say "no expiry" or "never used" with an explicit null, as Stripe does); and the tags operations are
 * grouped under, described once in {@link ApiTags}. Registered in each
 * service with {@code mp.openapi.filter}.
 */
public class ApiConventions implements OASFilter {

    public static final String API_KEY = "ApiKey";
    public static final String BEARER = "Bearer";
    static final String PROBLEM = "Problem";
    /** RFC 6749 §5.2 errors, of the one endpoint on the OAuth wire format (auth-service's token exchange). */
    public static final String OAUTH_ERROR = "OAuthError";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents()
                .addSecurityScheme(API_KEY, OASFactory.createSecurityScheme().type(SecurityScheme.Type.APIKEY)
                        .in(SecurityScheme.In.HEADER).name("X-API-Key")
                        .description("An AgentWallex API key: awx_sandbox_… or awx_production_…"))
                .addSecurityScheme(BEARER, OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP)
                        .scheme("bearer").bearerFormat("JWT").description("An access token from auth-service"))
                .addSchema(PROBLEM, problemSchema());
        if (refersTo(openAPI, OAUTH_ERROR)) {
            openAPI.getComponents().addSchema(OAUTH_ERROR, oauthErrorSchema());
        }
        openAPI.getComponents().getSchemas().values().forEach(ApiConventions::nullableUnlessRequired);
        if (openAPI.getPaths() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().values().forEach(item ->
                item.getOperations().values().forEach(ApiConventions::describeErrors));
        describeTags(openAPI);
    }

    /**
     * The public tags the document's operations use, in {@link ApiTags}' order, each with its description.
     * Others (Quarkus tags an untagged internal resource by its class name) are left undeclared.
     */
    private static void describeTags(OpenAPI openAPI) {
        Set<String> used = new HashSet<>();
        openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(operation -> {
            if (operation.getTags() != null) {
                used.addAll(operation.getTags());
            }
        }));
        List<Tag> tags = new ArrayList<>();
        ApiTags.DESCRIPTIONS.forEach((name, description) -> {
            if (used.contains(name)) {
                tags.add(OASFactory.createTag().name(name).description(description));
            }
        });
        openAPI.setTags(tags.isEmpty() ? null : tags);
    }

    private static void describeErrors(Operation operation) {
        if (operation.getResponses() == null) {
            return;
        }
        boolean secured = operation.getSecurity() != null && !operation.getSecurity().isEmpty();
        if (secured && operation.getResponses().getAPIResponse("401") == null) {
            operation.getResponses().addAPIResponse("401", OASFactory.createAPIResponse()
                    .description("No valid API key or access token"));
        }
        // AwxAuthenticationMechanism's refusals, before any operation's own checks
        if (secured && operation.getResponses().getAPIResponse("400") == null) {
            operation.getResponses().addAPIResponse("400", OASFactory.createAPIResponse()
                    .description("Both X-API-Key and Authorization were sent, or an API key in the query string"));
        }
        // the caller's credentials cannot be judged (revocations still loading, keys or signing keys
        // unreachable) or the service's database is away: retry, never a 500
        if (secured && operation.getResponses().getAPIResponse("503") == null) {
            operation.getResponses().addAPIResponse("503", OASFactory.createAPIResponse()
                    .description("Unavailable for a moment (the service's database, or what checks credentials); retry after Retry-After"));
        }
        if (acceptsApiKeys(operation)) {
            describeRateLimits(operation);
        }
        operation.getResponses().getAPIResponses().forEach((code, response) -> {
            if (code.startsWith("4") || code.startsWith("5")) {
                problem(code, response, secured);
            }
        });
    }

    private static boolean acceptsApiKeys(Operation operation) {
        return operation.getSecurity() != null && operation.getSecurity().stream()
                .anyMatch(requirement -> requirement.getSchemes() != null && requirement.getSchemes().containsKey(API_KEY));
    }

    /**
     * A key with rate limits (ADR 19) gets the IETF RateLimit headers on every answer, and 429 when
     * one is spent; agent tokens made from it too.
     */
    private static void describeRateLimits(Operation operation) {
        if (operation.getResponses().getAPIResponse("429") == null) {
            operation.getResponses().addAPIResponse("429", OASFactory.createAPIResponse()
                    .description("A rate limit of the API key is spent for the current window"));
        }
        operation.getResponses().getAPIResponses().forEach((code, response) -> {
            if (code.startsWith("2") || code.equals("429")) {
                header(response, "RateLimit-Policy", "For a key with rate limits: each limit as \"<name>\";q=<limit>;w=<window seconds>");
                header(response, "RateLimit", "For a key with rate limits: the tightest one as \"<name>\";r=<remaining>;t=<seconds to reset>");
            }
        });
    }

    private static void header(APIResponse response, String name, String description) {
        if (response.getHeaders() == null || !response.getHeaders().containsKey(name)) {
            response.addHeader(name, OASFactory.createHeader().description(description).style(Header.Style.SIMPLE)
                    .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)));
        }
    }

    /** A 401 challenges for a Bearer token only where one is accepted (not a sign-in callback or a signed report). */
    private static void problem(String code, APIResponse response, boolean secured) {
        if (response.getContent() == null || response.getContent().getMediaTypes().isEmpty()) {
            response.content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                    OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM))));
        }
        Map<String, String> headers = switch (code) {
            case "401" -> secured ? Map.of("WWW-Authenticate", "Bearer") : Map.of();
            case "429", "503" -> Map.of("Retry-After", "Seconds to wait before trying again");
            default -> Map.of();
        };
        headers.forEach((name, description) -> header(response, name, description));
    }

    private static void nullableUnlessRequired(Schema schema) {
        if (schema.getProperties() == null) {
            return;
        }
        List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
        schema.getProperties().forEach((name, member) -> {
            if (required.contains(name)) {
                return;
            }
            if (member.getRef() != null) {
                schema.addProperty(name, OASFactory.createSchema().addAnyOf(OASFactory.createSchema().ref(member.getRef()))
                        .addAnyOf(OASFactory.createSchema().addType(Schema.SchemaType.NULL)));
            } else if (member.getType() != null && !member.getType().isEmpty() && !member.getType().contains(Schema.SchemaType.NULL)) {
                member.addType(Schema.SchemaType.NULL);
            }
        });
    }

    private static boolean refersTo(OpenAPI openAPI, String schema) {
        String ref = "#/components/schemas/" + schema;
        return openAPI.getPaths() != null && openAPI.getPaths().getPathItems().values().stream()
                .flatMap(item -> item.getOperations().values().stream())
                .filter(op -> op.getResponses() != null)
                .flatMap(op -> op.getResponses().getAPIResponses().values().stream())
                .filter(r -> r.getContent() != null)
                .flatMap(r -> r.getContent().getMediaTypes().values().stream())
                .anyMatch(m -> m.getSchema() != null && (ref.equals(m.getSchema().getRef()) || schema.equals(m.getSchema().getRef())));
    }

    private static Schema oauthErrorSchema() {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("An OAuth 2.0 error (RFC 6749 section 5.2), with the request id a support ticket needs")
                .required(List.of("error", "error_description", "request_id"))
                .addProperty("error", string("invalid_request, invalid_client, unsupported_grant_type, invalid_scope, "
                        + "invalid_target, rate_limited or temporarily_unavailable"))
                .addProperty("error_description", string("What went wrong with this request"))
                .addProperty("request_id", string("The X-Request-Id of the request"));
    }

    private static Schema problemSchema() {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details, with the request id a support ticket needs")
                .required(List.of("type", "title", "status", "detail", "request_id"))
                .addProperty("type", string("A URI naming the kind of problem, e.g. https://docs.agentwallex.com/problems/invalid_parameter"))
                .addProperty("title", string("A short summary of the kind of problem"))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32"))
                .addProperty("detail", string("What went wrong with this request"))
                .addProperty("request_id", string("The X-Request-Id of the request"))
                .addProperty("parameter", string("The parameter or body member at fault, when there is one"));
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING).description(description);
    }
}
