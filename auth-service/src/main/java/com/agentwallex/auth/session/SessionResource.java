package com.agentwallex.auth.session;

import com.agentwallex.auth.account.AccountRepository;
import com.agentwallex.auth.account.OrganizationEntity;
import com.agentwallex.auth.account.UserEntity;
import com.agentwallex.common.web.ClientContext;
import com.agentwallex.common.events.AuthEventType;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.vertx.core.http.HttpServerRequest;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;

/** The signed-in caller: who they are, their sessions, and ending them. */
@Path("/api/v1/auth")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SessionView(String id, @JsonProperty("created_at") Instant createdAt,
                       @JsonProperty("expires_at") Instant expiresAt,
                       @JsonProperty("last_refreshed_at") Instant lastRefreshedAt,
                       @JsonProperty("client_ip") String clientIp, @JsonProperty("user_agent") String userAgent,
                       boolean current) {
    }

    record Me(String type, Object user, Object organization, SessionView session) {
    }

    private final CallerAuthenticator callers;
    private final SessionService sessions;
    private final AccountRepository accounts;

    SessionResource(CallerAuthenticator callers, SessionService sessions, AccountRepository accounts) {
        this.callers = callers;
        this.sessions = sessions;
        this.accounts = accounts;
    }

    /** Ends the caller's session. Idempotent: a second logout with the same token is a 204 too. */
    @POST
    @Path("logout")
    @Transactional
    public Response logout(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                           @Context HttpServerRequest request) {
        Caller caller = callers.authenticate(authorization, true);
        sessions.lock(caller.sessionId()).ifPresent(s ->
                sessions.revoke(s, "logout", AuthEventType.SESSION_LOGGED_OUT, ClientContext.of(request)));
        return Response.noContent().build();
    }

    @GET
    @Path("me")
    public Me me(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        Caller caller = callers.authenticate(authorization, false);
        UserEntity user = accounts.user(caller.userId()).orElseThrow(NotFoundException::new);
        OrganizationEntity org = accounts.organization(caller.orgId()).orElseThrow(NotFoundException::new);
        return new Me("user",
                new UserView(user.id(), user.email(), user.name()),
                new OrganizationView(org.id(), org.name(), org.plan()),
                view(caller.session(), caller));
    }

    record UserView(String id, String email, String name) {
    }

    record OrganizationView(String id, String name, String plan) {
    }

    @GET
    @Path("sessions")
    public List<SessionView> list(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        Caller caller = callers.authenticate(authorization, false);
        return sessions.activeOf(caller.userId()).stream().map(s -> view(s, caller)).toList();
    }

    /** Ends one of the caller's own sessions; another user's session id is a 404. */
    @DELETE
    @Path("sessions/{id}")
    @Transactional
    public Response revoke(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id,
                           @Context HttpServerRequest request) {
        Caller caller = callers.authenticate(authorization, false);
        SessionEntity session = sessions.lock(id).filter(s -> s.userId().equals(caller.userId()))
                .orElseThrow(NotFoundException::new);
        sessions.revoke(session, "revoked_by_user", AuthEventType.SESSION_REVOKED, ClientContext.of(request));
        return Response.noContent().build();
    }

    /** Sign out everywhere: every session of the caller ends, this one included. */
    @DELETE
    @Path("sessions")
    @Transactional
    public Response revokeAll(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                              @Context HttpServerRequest request) {
        Caller caller = callers.authenticate(authorization, false);
        sessions.revokeAllOf(caller.userId(), "signed_out_everywhere", AuthEventType.SESSION_REVOKED,
                ClientContext.of(request));
        return Response.noContent().build();
    }

    private static SessionView view(SessionEntity s, Caller caller) {
        return new SessionView(s.id(), s.createdAt(), s.absoluteExpiresAt(), s.lastRefreshedAt(), s.clientIp(),
                s.userAgent(), s.id().equals(caller.sessionId()));
    }
}
