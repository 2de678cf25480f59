package com.agentwallex.auth.plan;

import com.agentwallex.contract.plan.Plan;
import com.agentwallex.common.web.ClientContext;
import com.agentwallex.contract.problem.InvalidParameterException;
import com.agentwallex.common.web.ServiceCredentials;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code PUT /internal/v1/organizations/{orgId}/plan}: billing tells us an organization's plan
 * changed (a subscription started, was upgraded, downgraded or ended). Billing's service
 * credential as a Bearer token; never routed by the ingress.
 */
@Path("/internal/v1/organizations/{orgId}/plan")
@PermitAll
public class PlanResource {

    private final PlanService service;
    private final ServiceCredentials billing;

    PlanResource(PlanService service, ServiceCredentials billing) {
        this.service = service;
        this.billing = billing;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public PlanView change(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("orgId") String orgId,
                           PlanChange change, @Context HttpServerRequest http) {
        billing.require(authorization, "plan changes");
        Plan plan = Plan.fromWireName(change == null ? null : change.plan()).orElseThrow(() ->
                new InvalidParameterException("plan", "plan must be \"free\", \"growth\" or \"enterprise\""));
        return service.change(orgId, plan, ClientContext.of(http));
    }
}
