package com.agentwallex.auth.session;

import com.agentwallex.auth.account.AccountRepository;
import com.agentwallex.auth.account.OrganizationEntity;
import com.agentwallex.auth.account.UserEntity;
import com.agentwallex.common.auth.AwxPrincipal;
import com.agentwallex.contract.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;

/** Who is calling, as {@code GET /api/v1/auth/me} tells it: a signed-in user with its session, or an API key. */
@ApplicationScoped
class MeService {

    private final AccountRepository accounts;
    private final SessionRepository sessions;

    MeService(AccountRepository accounts, SessionRepository sessions) {
        this.accounts = accounts;
        this.sessions = sessions;
    }

    @Transactional
    SessionViews.Me describe(AwxPrincipal caller) {
        OrganizationEntity org = accounts.organization(caller.orgId()).orElseThrow(MeService::gone);
        SessionViews.OrganizationView organization = new SessionViews.OrganizationView(org.id(), org.name(), org.plan());
        if (!caller.isUser()) {
            return new SessionViews.Me("api_key", null, new SessionViews.CallerKeyView(caller.actorId(), caller.environment(),
                    List.copyOf(caller.scopes())), organization, null);
        }
        UserEntity user = accounts.user(caller.actorId()).orElseThrow(MeService::gone);
        SessionEntity session = sessions.find(caller.sessionId()).orElseThrow(MeService::gone);
        return new SessionViews.Me("user", new SessionViews.UserView(user.id(), user.email(), user.name()), null,
                organization, SessionViews.SessionView.of(session, caller.sessionId()));
    }

    /** A token for a user or organization that no longer exists. */
    private static ApiException gone() {
        return new ApiException(404, "not_found", "Not found", "The caller's account no longer exists.");
    }
}
