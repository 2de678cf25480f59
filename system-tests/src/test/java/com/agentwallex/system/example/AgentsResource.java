package com.agentwallex.system.example;

import com.agentwallex.common.auth.AwxPrincipal;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/**
 * The seed's example resource, as another AgentWallex service would write it: the principal comes
 * from common whichever header was used, and scopes are checked by annotation.
 */
@Path("/api/v1/agents")
@Produces(MediaType.APPLICATION_JSON)
public class AgentsResource {

    private final SecurityIdentity identity;

    AgentsResource(SecurityIdentity identity) {
        this.identity = identity;
    }

    @GET
    @RolesAllowed("agents:read")
    public Map<String, Object> list() {
        AwxPrincipal caller = AwxPrincipal.of(identity);
        Map<String, Object> who = new java.util.LinkedHashMap<>();
        who.put("actor_type", caller.actorType().name().toLowerCase(java.util.Locale.ROOT));
        who.put("actor_id", caller.actorId());
        who.put("org_id", caller.orgId());
        who.put("environment", caller.environment());
        who.put("plan", caller.plan());
        who.put("scopes", caller.scopes().stream().sorted().toList());
        return Map.of("data", List.of(), "caller", who);
    }

    @POST
    @RolesAllowed("agents:write")
    public Map<String, Object> create() {
        return Map.of("id", "agt_example", "org_id", AwxPrincipal.of(identity).orgId());
    }
}
