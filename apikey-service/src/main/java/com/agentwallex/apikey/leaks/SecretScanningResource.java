package com.agentwallex.apikey.leaks;

import com.agentwallex.apikey.ApiKeyConfig;
import com.agentwallex.common.openapi.ApiTags;
import com.agentwallex.common.ratelimit.FailureRateLimiter;
import com.agentwallex.common.ratelimit.RateLimitedException;
import com.agentwallex.contract.problem.ApiException;
import com.agentwallex.common.web.ClientContext;
import com.agentwallex.contract.problem.InvalidParameterException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /api/v1/secret-scanning/reports}: GitHub's secret scanning partner endpoint. The
 * reporter proves itself by an ECDSA signature over the raw body, checked against its published
 * keys before anything in the body is believed.
 */
@Path("/api/v1/secret-scanning/reports")
@Tag(name = ApiTags.SECRET_SCANNING)
public class SecretScanningResource {

    private final LeakService service;
    private final ReporterKeys reporterKeys;
    private final FailureRateLimiter reports;
    private final ObjectReader reader;
    private final int maxTokens;

    SecretScanningResource(LeakService service, ReporterKeys reporterKeys, ApiKeyConfig config, ObjectMapper json) {
        this.service = service;
        this.reporterKeys = reporterKeys;
        // every report counts, signed or not: the budget is the endpoint's, not only failures'
        this.reports = new FailureRateLimiter(config.secretScanning().reportsPerWindow(), config.secretScanning().window());
        this.reader = json.readerFor(LeakReport[].class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.maxTokens = config.secretScanning().maxTokens();
    }

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "reportLeakedSecrets", summary = "Report leaked tokens (GitHub secret scanning partner format); live keys are revoked at once",
            description = "Signed by the reporter: Github-Public-Key-Identifier names one of its published keys, "
                    + "Github-Public-Key-Signature is the base64 ECDSA (SHA-256) signature of the raw body.")
    @APIResponse(responseCode = "200", description = "Each reported token by its SHA-256, labelled true_positive or false_positive",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = LeakVerdict.class)))
    @APIResponse(responseCode = "400", description = "Not a JSON array of reports, or too many tokens")
    @APIResponse(responseCode = "401", description = "Unsigned, or not signed by a key the reporter publishes")
    @APIResponse(responseCode = "429", description = "Too many reports from this address")
    public List<LeakVerdict> report(@RequestBody(content = @Content(schema = @Schema(type = SchemaType.ARRAY,
                                            implementation = LeakReport.class))) byte[] body,
                                    @HeaderParam("Github-Public-Key-Identifier") String keyId,
                                    @HeaderParam("Github-Public-Key-Signature") String signature,
                                    @Context HttpServerRequest http) {
        ClientContext client = ClientContext.of(http);
        long wait = reports.take(client.ip());
        if (wait > 0) {
            throw new RateLimitedException(wait);
        }
        if (!reporterKeys.signed(body, keyId, signature)) {
            throw new ApiException(401, "invalid_signature", "Invalid signature",
                    "The report is not signed by a key the reporter publishes.");
        }
        List<LeakReport> parsed = parse(body);
        return service.handle(parsed, keyId, client);
    }

    private List<LeakReport> parse(byte[] body) {
        LeakReport[] parsed;
        try {
            parsed = reader.readValue(body);
        } catch (JsonProcessingException e) {
            throw new InvalidParameterException("body", "The body must be a JSON array of {token, type, url, source}.");
        } catch (IOException e) {
            throw new InvalidParameterException("body", "The body could not be read.");
        }
        if (parsed == null || parsed.length > maxTokens) {
            throw new InvalidParameterException("body", "A report carries 1 to " + maxTokens + " tokens.");
        }
        if (Arrays.asList(parsed).contains(null)) {
            throw new InvalidParameterException("body", "Each report is an object {token, type, url, source}, not null.");
        }
        return Arrays.asList(parsed);
    }
}
