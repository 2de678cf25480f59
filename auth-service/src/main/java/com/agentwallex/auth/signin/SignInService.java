package com.agentwallex.auth.signin;

import com.agentwallex.auth.Ids;
import com.agentwallex.auth.account.AccountRepository;
import com.agentwallex.auth.account.OrganizationEntity;
import com.agentwallex.auth.account.UserEntity;
import com.agentwallex.auth.events.AuthEvents;
import com.agentwallex.auth.events.AuthReason;
import com.agentwallex.common.web.ClientContext;
import com.agentwallex.auth.session.SessionEntity;
import com.agentwallex.auth.session.SessionService;
import com.agentwallex.auth.token.TokenService;
import com.agentwallex.contract.events.AuthEvent.Outcome;
import com.agentwallex.contract.events.AuthEvent.Resource;
import com.agentwallex.contract.events.AuthEventType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Turns a verified provider identity into our user, a new session and a one-time exchange code. */
@ApplicationScoped
class SignInService {

    record ProviderIdentity(String issuer, String subject, String email, boolean emailVerified, String name) {
    }

    private final AccountRepository accounts;
    private final SessionService sessions;
    private final TokenService tokens;
    private final AuthEvents events;
    private final SignInRefusals refusals;

    SignInService(AccountRepository accounts, SessionService sessions, TokenService tokens, AuthEvents events,
                  SignInRefusals refusals) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.tokens = tokens;
        this.events = events;
        this.refusals = refusals;
    }

    /** @return the exchange code for the browser to carry back to {@code returnTo} */
    @Transactional
    String signIn(ProviderIdentity identity, String returnTo, String codeChallenge, ClientContext client) {
        Instant now = Instant.now();
        UserEntity user;
        accounts.lockIdentity(identity.issuer(), identity.subject());
        Optional<UserEntity> known = accounts.userByIdentity(identity.issuer(), identity.subject());
        if (known.isPresent()) {
            user = known.get();
            accounts.recordLogin(user.id(), identity.email(), now);
        } else {
            user = register(identity, now);
        }
        SessionEntity session = sessions.start(user.id(), user.orgId(), client, now);
        String code = tokens.newExchangeCode(session, returnTo, codeChallenge, now);
        events.user(AuthEventType.LOGIN_SUCCEEDED, user.orgId(), user.id(), Outcome.SUCCESS, null, client,
                new Resource("session", session.id()), Map.of("provider", identity.issuer()));
        return code;
    }

    /**
     * Counts a refused sign-in against its address and audits it. Once the address has used up its
     * window, further refusals are no longer audited (one rate_limit.exceeded said so): a loop of bad
     * sign-ins, which needs no credential, cannot fill the audit log.
     */
    @Transactional
    void refuse(AuthReason reason, ClientContext client, Map<String, Object> details) {
        refuse(reason, client, details, refusals.count(client.ip()));
    }

    /** Audits a refusal already counted ({@link SignInRefusals#count}). */
    @Transactional
    void refuse(AuthReason reason, ClientContext client, Map<String, Object> details, SignInRefusals.Verdict verdict) {
        if (verdict == SignInRefusals.Verdict.OVER_LIMIT) {
            return;
        }
        events.anonymousFailure(AuthEventType.LOGIN_FAILED, reason, client, details);
        if (verdict == SignInRefusals.Verdict.AUDIT_AND_LIMIT_REACHED) {
            events.anonymousFailure(AuthEventType.RATE_LIMIT_EXCEEDED, AuthReason.TOO_MANY_FAILED_SIGN_INS, client, Map.of());
        }
    }

    /** First sign-in: the person gets a personal organization on the free plan. */
    private UserEntity register(ProviderIdentity identity, Instant now) {
        OrganizationEntity org = new OrganizationEntity(Ids.newId("org"),
                (identity.name() != null ? identity.name() : identity.email()) + "'s organization", "free", now);
        accounts.insert(org);
        UserEntity user = new UserEntity(Ids.newId("usr"), identity.issuer(), identity.subject(), identity.email(),
                identity.name(), org.id(), now, now);
        accounts.insert(user);
        return user;
    }
}
