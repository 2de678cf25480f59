package com.agentwallex.auth.session;

import com.agentwallex.common.auth.AwxPrincipal;
import com.agentwallex.common.auth.SessionEnded;
import com.agentwallex.common.openapi.ApiConventions;
import com.agentwallex.common.openapi.ApiTags;
import com.agentwallex.common.web.ClientContext;
import io.quarkus.security.Authenticated;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The caller (a signed-in user or an API key), the user's sessions, and ending them. Callers are
 * authenticated by common's request authentication, with auth-service's own keys and its session
 * table plugged in (OwnTokenKeys, SessionTableCheck). Every operation wants an authenticated bearer,
 * as declared on the class; logout and me say where they differ.
 */
@Path("/api/v1/auth")
@Authenticated
@SecurityRequirement(name = ApiConventions.BEARER)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiTags.SESSIONS)
public class SessionResource {

    private final SessionService sessions;
    private final MeService me;
    private final SecurityIdentity identity;

    SessionResource(SessionService sessions, MeService me, SecurityIdentity identity) {
        this.sessions = sessions;
        this.me = me;
        this.identity = identity;
    }

    /** Ends the caller's session. Idempotent: a second logout with the same token is a 204 too. */
    @POST
    @Path("logout")
    @PermitAll // a token whose session has ended is still answered 204 below, not 401
    @Operation(operationId = "logout", summary = "End the caller's session: its refresh tokens at once, its access tokens everywhere within 5 s")
    @APIResponse(responseCode = "204", description = "Ended (also when it had ended already)")
    @APIResponse(responseCode = "403", description = "An API key has no session to end")
    public Response logout(@Context HttpServerRequest request) {
        AwxPrincipal caller;
        try {
            if (identity.isAnonymous()) {
                throw new UnauthorizedException();
            }
            caller = user();
        } catch (AuthenticationFailedException failed) {
            if (SessionEnded.is(failed)) {
                return Response.noContent().build(); // ended already: logging out again changes nothing
            }
            throw failed;
        }
        sessions.logout(caller.sessionId(), ClientContext.of(request));
        return Response.noContent().build();
    }

    @GET
    @Path("me")
    @Operation(operationId = "getMe", summary = "The caller: a signed-in user with organization and session, or an API key with its organization")
    @SecurityRequirement(name = ApiConventions.BEARER) // a method's requirements replace the class's: both named
    @SecurityRequirement(name = ApiConventions.API_KEY)
    @APIResponse(responseCode = "200", description = "The caller")
    @APIResponse(responseCode = "404", description = "The caller's user, organization or session no longer exists")
    @APIResponse(responseCode = "503", description = "API keys cannot be checked right now")
    public SessionViews.Me me() {
        return me.describe(AwxPrincipal.of(identity));
    }

    @GET
    @Path("sessions")
    @Operation(operationId = "listSessions", summary = "The signed-in user's active sessions, newest first")
    @APIResponse(responseCode = "200", description = "The sessions; current marks the caller's own")
    @APIResponse(responseCode = "403", description = "An API key has no sessions")
    public List<SessionViews.SessionView> list() {
        AwxPrincipal caller = user();
        return sessions.activeOf(caller.actorId()).stream()
                .map(s -> SessionViews.SessionView.of(s, caller.sessionId())).toList();
    }

    /** Ends one of the caller's own sessions; another user's session id is a 404. */
    @DELETE
    @Path("sessions/{id}")
    @Operation(operationId = "endSession", summary = "End one of the signed-in user's sessions")
    @APIResponse(responseCode = "204", description = "Ended")
    @APIResponse(responseCode = "403", description = "An API key has no sessions")
    @APIResponse(responseCode = "404", description = "No session of this user has this id")
    public Response revoke(@PathParam("id") String id, @Context HttpServerRequest request) {
        sessions.endOwn(user().actorId(), id, ClientContext.of(request));
        return Response.noContent().build();
    }

    /** Sign out everywhere: every session of the caller ends, this one included. */
    @DELETE
    @Path("sessions")
    @Operation(operationId = "endAllSessions", summary = "Sign out everywhere: every session of the user ends, this one included")
    @APIResponse(responseCode = "204", description = "Ended")
    @APIResponse(responseCode = "403", description = "An API key has no sessions")
    public Response revokeAll(@Context HttpServerRequest request) {
        sessions.signOutEverywhere(user().actorId(), ClientContext.of(request));
        return Response.noContent().build();
    }

    /** Sessions belong to people: an API key has none to list or end (403, as for any caller without the right). */
    private AwxPrincipal user() {
        return AwxPrincipal.user(identity);
    }
}
