package com.agentwallex.system.support;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Body;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.RestAssuredRequest;
import com.atlassian.oai.validator.restassured.RestAssuredResponse;
import io.restassured.filter.FilterContext;
import io.restassured.filter.OrderedFilter;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every exchange a system test has with our API, held against the published document
 * (/openapi.json) by Atlassian's validator: each answer must be one the document describes (status,
 * content type, schema), and each request the API accepted must be one the document allows, so an
 * undocumented field, status or path fails the test that met it. Requests the API refused are
 * attacks and typos by design; only their answers are checked.
 */
public final class ContractValidation implements OrderedFilter {

    /** Not in the public document: internal and management paths, the example service the entry point also routes, the document itself. */
    private static final List<String> NOT_DOCUMENTED = List.of("/internal/", "/q/", "/api/v1/agents", "/openapi.json");

    private static final Set<Integer> PROTOCOL_LIMITS = Set.of(413, 414, 431);

    private final OpenApiInteractionValidator validator;
    private final BodySchemas bodies;
    private final Supplier<Set<Integer>> ourPorts;

    /** ourPorts: where our services and the entry point listen; other servers (the OIDC provider, the example service) are not ours to hold to it. */
    ContractValidation(Supplier<Set<Integer>> ourPorts) {
        this(PublicApiDocument.write(PublicApiDocument.committed()), ourPorts);
    }

    /** Against another document: the filter's own test shows it catches drift. */
    public ContractValidation(String document, Supplier<Set<Integer>> ourPorts) {
        this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(document).build();
        this.bodies = new BodySchemas(PublicApiDocument.parse(document));
        this.ourPorts = ourPorts;
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification responseSpec, FilterContext ctx) {
        Response response = ctx.next(request, responseSpec);
        if (!"OPTIONS".equals(request.getMethod())) {
            check(URI.create(request.getURI()), requestOf(request), RestAssuredResponse.of(response));
        }
        return response;
    }

    /**
     * Holds one exchange to the document, whichever client made it (RestAssured through
     * {@link #filter}, the SDK through {@link ValidatingHttpClient}), in Atlassian's model of it.
     *
     * @throws AssertionError naming every way the exchange differs from the document
     */
    public void check(URI uri, Request request, com.atlassian.oai.validator.model.Response response) {
        if (!ourPorts.get().contains(uri.getPort())
                || NOT_DOCUMENTED.stream().anyMatch(prefix -> uri.getRawPath().startsWith(prefix))) {
            return;
        }
        int status = response.getStatus();
        String method = request.getMethod().name();
        ValidationReport report = validator.validateResponse(uri.getRawPath(), request.getMethod(), response);
        if (status < 400) {
            report = validator.validateRequest(request).merge(report);
        }
        List<String> drift = new ArrayList<>(report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .filter(m -> !agreesWithTheDocument(m.getKey(), status))
                .map(m -> m.getKey() + ": " + m.getMessage())
                .toList());
        drift.addAll(bodies.response(method, uri.getRawPath(), status, response.getContentType().orElse(null),
                text(response.getResponseBody())));
        if (status < 400) {
            drift.addAll(bodies.request(method, uri.getRawPath(), request.getContentType().orElse(null),
                    text(request.getRequestBody())));
        }
        if (!drift.isEmpty()) {
            throw new AssertionError(method + " " + uri.getRawPath() + " answered " + status
                    + ", which /openapi.json does not describe:\n" + String.join("\n", drift.stream()
                    .map(m -> "  " + m).toList()));
        }
    }

    private static String text(Optional<Body> body) {
        try {
            return body.isPresent() && body.get().hasBody() ? body.get().toString(StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The request as sent: RestAssured keeps form parameters apart from the body, the wire does not. */
    private static Request requestOf(FilterableRequestSpecification request) {
        Request adapted = RestAssuredRequest.of(request);
        if (request.getFormParams().isEmpty()) {
            return adapted;
        }
        SimpleRequest.Builder form = new SimpleRequest.Builder(adapted.getMethod(), adapted.getPath());
        adapted.getHeaders().forEach((name, values) -> form.withHeader(name, List.copyOf(values)));
        adapted.getQueryParameters().forEach(name -> form.withQueryParam(name, List.copyOf(adapted.getQueryParameterValues(name))));
        // a repeated parameter arrives as a list of values, however the map is typed
        Map<String, ?> fields = request.getFormParams();
        form.withBody(fields.entrySet().stream()
                .flatMap(p -> (p.getValue() instanceof Collection<?> values ? values.stream() : Stream.of(p.getValue()))
                        .map(v -> URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8) + "="
                                + URLEncoder.encode(String.valueOf(v), StandardCharsets.UTF_8)))
                .collect(Collectors.joining("&")));
        return form.build();
    }

    /**
     * A 404 for a path, or a 405 for a method, the document does not have is the document being right;
     * 413, 414 and 431 come from the HTTP layer (too large a body, URI or header) before any operation.
     */
    private static boolean agreesWithTheDocument(String key, int status) {
        return (status == 404 && key.endsWith(".path.missing")) || (status == 405 && key.endsWith(".operation.notAllowed"))
                || (PROTOCOL_LIMITS.contains(status) && key.equals("validation.response.status.unknown"));
    }

    @Override
    public int getOrder() {
        return OrderedFilter.HIGHEST_PRECEDENCE;
    }
}
