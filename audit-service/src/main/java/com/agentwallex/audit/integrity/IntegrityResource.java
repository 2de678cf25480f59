package com.agentwallex.audit.integrity;

import com.agentwallex.audit.verifier.EventChain;
import com.agentwallex.common.auth.AwxPrincipal;
import com.agentwallex.common.openapi.ApiConventions;
import com.agentwallex.common.web.InvalidParameterException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** {@code GET /api/v1/audit-logs/integrity}: checkpoints and links of the caller's organization's chain. */
@Path("/api/v1/audit-logs/integrity")
@RolesAllowed("audit:read")
@SecurityRequirement(name = ApiConventions.BEARER)
@SecurityRequirement(name = ApiConventions.API_KEY)
@Produces(MediaType.APPLICATION_JSON)
public class IntegrityResource {

    static final String JWKS_PATH = "/api/v1/audit-logs/jwks";
    private static final Set<String> PARAMETERS = Set.of("from_seq", "to_seq", "links");

    private final IntegrityRepository repository;
    private final IntegrityConfig config;
    private final SecurityIdentity caller;

    IntegrityResource(IntegrityRepository repository, IntegrityConfig config, SecurityIdentity caller) {
        this.repository = repository;
        this.config = config;
        this.caller = caller;
    }

    @GET
    @Blocking
    @Operation(summary = "Signed checkpoints and hash links of the caller's organization's chain, for a seq range")
    @Parameter(name = "from_seq", in = ParameterIn.QUERY, description = "First seq, default 1",
            schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1"))
    @Parameter(name = "to_seq", in = ParameterIn.QUERY, description = "Last seq, default the head",
            schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1"))
    @Parameter(name = "links", in = ParameterIn.QUERY, description = "false: checkpoints only, for any range;"
            + " true (default): also each event's link, at most 10,000 per answer",
            schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "true"))
    @APIResponse(responseCode = "200", description = "The range's checkpoints and links",
            content = @Content(schema = @Schema(implementation = IntegrityAnswer.class)))
    @APIResponse(responseCode = "400", description = "An unknown, repeated or invalid parameter, or too many links (the problem names it)")
    @APIResponse(responseCode = "403", description = "An API key without audit:read")
    @APIResponse(responseCode = "503", description = "API keys cannot be checked right now")
    public IntegrityAnswer integrity(@Context UriInfo uri) {
        String orgId = AwxPrincipal.of(caller).orgId();
        Map<String, List<String>> params = uri.getQueryParameters();
        for (Map.Entry<String, List<String>> p : params.entrySet()) {
            if (!PARAMETERS.contains(p.getKey()) || p.getValue().size() > 1) {
                throw new InvalidParameterException(PARAMETERS.contains(p.getKey()) ? p.getKey() : "(unknown)",
                        "accepted once each: from_seq, to_seq, links");
            }
        }
        Optional<IntegrityRepository.Head> head = repository.head(orgId);
        long from = seq(params, "from_seq", 1);
        long to = seq(params, "to_seq", head.map(IntegrityRepository.Head::seq).orElse(0L));
        if (to < from && params.containsKey("to_seq")) {
            throw new InvalidParameterException("to_seq", "to_seq must not be before from_seq");
        }
        boolean links = links(params);
        if (links && to - from + 1 > config.maxLinks()) {
            throw new InvalidParameterException("to_seq", "at most " + config.maxLinks()
                    + " links per answer: narrow from_seq..to_seq, or pass links=false for checkpoints only");
        }
        return new IntegrityAnswer(orgId,
                head.map(h -> new IntegrityAnswer.Link(h.seq(), null, EventChain.hex(h.hash()))).orElse(null),
                repository.checkpoints(orgId, from, to).stream().map(IntegrityResource::checkpoint).toList(),
                repository.latestCheckpoint(orgId).map(IntegrityResource::checkpoint).orElse(null),
                links ? repository.links(orgId, from, to).stream().map(l -> new IntegrityAnswer.Link(l.seq(),
                        EventChain.hex(l.prevHash()), EventChain.hex(l.hash()))).toList() : null,
                JWKS_PATH);
    }

    private static IntegrityAnswer.Checkpoint checkpoint(IntegrityRepository.Checkpoint c) {
        return new IntegrityAnswer.Checkpoint(c.seq(), EventChain.hex(c.hash()), c.signedAt(), c.kid(), c.jws());
    }

    private static long seq(Map<String, List<String>> params, String name, long otherwise) {
        List<String> values = params.get(name);
        if (values == null) {
            return otherwise;
        }
        try {
            long seq = Long.parseLong(values.get(0));
            if (seq >= 1) {
                return seq;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidParameterException(name, name + " must be a whole number, 1 or more");
    }

    private static boolean links(Map<String, List<String>> params) {
        List<String> values = params.get("links");
        if (values == null || values.get(0).equals("true")) {
            return true;
        }
        if (values.get(0).equals("false")) {
            return false;
        }
        throw new InvalidParameterException("links", "links must be true or false");
    }
}
