package com.agentwallex.auth.token;

import com.agentwallex.auth.AuthConfig;
import com.agentwallex.auth.Ids;
import com.agentwallex.auth.token.GrantRepository.GrantSession;
import com.agentwallex.auth.token.GrantRepository.NewRefreshToken;
import com.agentwallex.auth.token.GrantRepository.PresentedExchangeCode;
import com.agentwallex.auth.token.GrantRepository.PresentedRefreshToken;
import com.agentwallex.auth.events.AuthEvents;
import com.agentwallex.auth.events.AuthReason;
import com.agentwallex.common.web.ClientContext;
import com.agentwallex.auth.session.SessionEntity;
import com.agentwallex.auth.session.SessionService;
import com.agentwallex.contract.events.AuthEvent.Outcome;
import com.agentwallex.contract.events.AuthEvent.Resource;
import com.agentwallex.contract.events.AuthEventType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Exchange codes and refresh tokens: each is spent under a row lock, so concurrent presentations
 * serialize and exactly one wins. A refresh token's successor is derived from it with a server
 * secret, which is how a racing tab, presenting a just-spent token within the grace, receives
 * the same successor instead of forking the chain or being logged out.
 */
@ApplicationScoped
public class TokenService {

    public static final String EXCHANGE_CODE_PREFIX = "awx_ec_";
    public static final String REFRESH_TOKEN_PREFIX = "awx_rt_";

    private final AuthConfig config;
    private final SessionService sessions;
    private final GrantRepository grants;
    private final AccessTokenIssuer accessTokens;
    private final AuthEvents events;
    private final SecretKeySpec successorKey;

    TokenService(AuthConfig config, SessionService sessions, GrantRepository grants,
                 AccessTokenIssuer accessTokens, AuthEvents events) {
        this.config = config;
        this.sessions = sessions;
        this.grants = grants;
        this.accessTokens = accessTokens;
        this.events = events;
        this.successorKey = new SecretKeySpec(config.refresh().secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /**
     * Called at sign-in, in its transaction: a one-time code for the session just started, bound to
     * the PKCE challenge of the browser that started the sign-in when it sent one.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public String newExchangeCode(SessionEntity session, String returnTo, String codeChallenge, Instant now) {
        String code = Ids.newSecret(EXCHANGE_CODE_PREFIX);
        grants.insertExchangeCode(Ids.hash(code), session.id(), returnTo, now.plus(config.signIn().exchangeCodeTtl()),
                codeChallenge);
        return code;
    }

    /**
     * @param codeVerifier    the PKCE verifier the client presents, or null
     * @param browserVerifiers the verifiers the start kept in this browser's cookies, by tag; read only
     *                         for a bound code, and then the one of its own sign-in wins
     * @param overLimit       the client is over its failure limit: a code we do not know is {@link GrantOutcome.Limited}
     */
    @Transactional
    GrantOutcome exchange(String code, String codeVerifier, Map<String, String> browserVerifiers, ClientContext client,
                          boolean overLimit) {
        Instant now = Instant.now();
        String codeHash = Ids.hash(code);
        Optional<PresentedExchangeCode> found = grants.lockExchangeCode(codeHash);
        if (found.isEmpty()) {
            return overLimit ? new GrantOutcome.Limited() : refused(AuthEventType.TOKEN_EXCHANGE_FAILED, AuthReason.UNKNOWN_CODE, client, "The exchange code is not valid.");
        }
        PresentedExchangeCode presented = found.get();
        GrantSession session = presented.session();
        if (presented.spentAt() != null) {
            // A second use means the code leaked: whatever the first use obtained is revoked.
            audit(AuthEventType.TOKEN_EXCHANGE_FAILED, session, Outcome.FAILURE, AuthReason.CODE_REUSED, client, Map.of());
            revoke(session, AuthReason.EXCHANGE_CODE_REUSED, client);
            return new GrantOutcome.Refused("The exchange code was already used.");
        }
        if (!now.isBefore(presented.expiresAt()) || !session.isActive(now)) {
            grants.spendCode(codeHash, now);
            return refused(AuthEventType.TOKEN_EXCHANGE_FAILED, session, AuthReason.CODE_EXPIRED, client, "The exchange code has expired.");
        }
        // A cookie never turns an unbound code into a "downgrade": only a bound one's is looked for. The
        // cookie of this very sign-in is what its start made in this browser, so it wins over a body
        // verifier (one a tab kept from a sign-in it abandoned).
        String kept = presented.codeChallenge() == null ? null : browserVerifiers.get(Pkce.tagOf(presented.codeChallenge()));
        ExchangeRefusal pkce = checkVerifier(presented.codeChallenge(), kept != null ? kept : codeVerifier);
        if (pkce != null) {
            // One attempt: whoever holds the code without the browser's verifier must not get to try again,
            // and the sign-in behind it can never be completed, so its session ends too.
            grants.spendCode(codeHash, now);
            audit(AuthEventType.TOKEN_EXCHANGE_FAILED, session, Outcome.FAILURE, pkce.reason(), client, Map.of());
            revoke(session, pkce.reason(), client);
            return new GrantOutcome.Refused(pkce.detail());
        }
        String refresh = Ids.newSecret(REFRESH_TOKEN_PREFIX);
        grants.spendCodeFor(codeHash, newRefreshToken(session, refresh, now));
        audit(AuthEventType.TOKEN_EXCHANGED, session, Outcome.SUCCESS, null, client, Map.of());
        return new GrantOutcome.Issued(response(session, refresh, now));
    }

    /** @param overLimit the client is over its failure limit: a token we do not know is {@link GrantOutcome.Limited} */
    @Transactional
    GrantOutcome refresh(String token, ClientContext client, boolean overLimit) {
        Instant now = Instant.now();
        Optional<PresentedRefreshToken> found = grants.lockRefreshToken(Ids.hash(token));
        if (found.isEmpty()) {
            return overLimit ? new GrantOutcome.Limited() : refused(AuthEventType.TOKEN_REFRESH_FAILED, AuthReason.UNKNOWN_TOKEN, client, "The refresh token is not valid.");
        }
        PresentedRefreshToken current = found.get();
        GrantSession session = current.session();
        if (session.revokedAt() != null) {
            return refused(AuthEventType.TOKEN_REFRESH_FAILED, session, AuthReason.SESSION_REVOKED, client, "The session has ended.");
        }
        if (current.spentAt() != null) {
            boolean withinGrace = Duration.between(current.spentAt(), now).compareTo(config.tokens().reuseGrace()) <= 0;
            if (withinGrace && grants.successorSpent(current.id())) {
                // The client has moved on past the successor (another tab refreshed it): handing that spent
                // token out again would make its next use look like theft and end a healthy session.
                return refused(AuthEventType.TOKEN_REFRESH_FAILED, session, AuthReason.REFRESH_TOKEN_SUPERSEDED, client,
                        "The refresh token was already used and its successor too; use the newest refresh token.");
            }
            if (withinGrace) {
                // A retry of a refresh whose answer was lost gets the same successor; what it issues is
                // audited like any refresh, so a just-spent token replayed by someone else leaves a trail.
                audit(AuthEventType.TOKEN_REFRESHED, session, Outcome.SUCCESS, null, client, Map.of("reuse_grace", true));
                return new GrantOutcome.Issued(response(session, successorOf(token), now));
            }
            audit(AuthEventType.TOKEN_REUSE_DETECTED, session, Outcome.FAILURE, AuthReason.REFRESH_TOKEN_REUSED, client,
                    Map.of("token_id", current.id()));
            revoke(session, AuthReason.REFRESH_TOKEN_REUSED, client);
            return new GrantOutcome.Refused("The refresh token was already used; the session has been ended.");
        }
        if (!now.isBefore(current.idleExpiresAt()) || !now.isBefore(session.absoluteExpiresAt())) {
            return refused(AuthEventType.TOKEN_REFRESH_FAILED, session, AuthReason.EXPIRED, client, "The refresh token has expired.");
        }
        String successor = successorOf(token);
        grants.rotate(current, newRefreshToken(session, successor, now));
        audit(AuthEventType.TOKEN_REFRESHED, session, Outcome.SUCCESS, null, client, Map.of());
        return new GrantOutcome.Issued(response(session, successor, now));
    }

    /**
     * Audits that the client has spent its failed grants. In a transaction of its own: the limiter
     * counts a failure only after the grant's transaction has ended, so there is none to join, and
     * the event must be recorded even though the request then ends in an error.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void rateLimited(ClientContext client) {
        events.anonymousFailure(AuthEventType.RATE_LIMIT_EXCEEDED, AuthReason.TOO_MANY_FAILED_GRANTS, client, Map.of());
    }

    private record ExchangeRefusal(AuthReason reason, String detail) {
    }

    /** Null when the verifier fits the challenge (or neither was used); otherwise why not. */
    private static ExchangeRefusal checkVerifier(String challenge, String verifier) {
        if (challenge == null) {
            // RFC 9700 §2.1.1: a verifier for a code issued without a challenge is a downgrade attempt.
            return verifier == null ? null : new ExchangeRefusal(AuthReason.CODE_VERIFIER_UNEXPECTED,
                    "This sign-in was started without a code_challenge; do not send a code_verifier.");
        }
        if (verifier == null) {
            return new ExchangeRefusal(AuthReason.CODE_VERIFIER_MISSING,
                    "This sign-in was started with a code_challenge: the code_verifier is required.");
        }
        return Pkce.matches(verifier, challenge) ? null : new ExchangeRefusal(AuthReason.CODE_VERIFIER_MISMATCH,
                "The code_verifier does not match the sign-in's code_challenge.");
    }

    /** A grant refused before any session is known: audited as anonymous. */
    private GrantOutcome refused(AuthEventType type, AuthReason reason, ClientContext client, String detail) {
        events.anonymousFailure(type, reason, client, Map.of());
        return new GrantOutcome.Refused(detail);
    }

    /** A grant of the session refused, audited as the session's user's failure. */
    private GrantOutcome refused(AuthEventType type, GrantSession session, AuthReason reason, ClientContext client, String detail) {
        audit(type, session, Outcome.FAILURE, reason, client, Map.of());
        return new GrantOutcome.Refused(detail);
    }

    private void audit(AuthEventType type, GrantSession session, Outcome outcome, AuthReason reason, ClientContext client,
                       Map<String, Object> details) {
        events.user(type, session.orgId(), session.userId(), outcome, reason, client,
                new Resource("session", session.id()), details);
    }

    /** The grant already holds the session's row lock; revoking goes through the session's owner. */
    private void revoke(GrantSession session, AuthReason reason, ClientContext client) {
        sessions.lock(session.id()).ifPresent(s -> sessions.revoke(s, reason, AuthEventType.SESSION_REVOKED, client));
    }

    private NewRefreshToken newRefreshToken(GrantSession session, String token, Instant now) {
        return new NewRefreshToken(Ids.newId("rt"), session.id(), Ids.hash(token), now, refreshExpiry(session, now));
    }

    /** A refresh token issued now goes idle after the idle TTL, and never outlives its session. */
    private Instant refreshExpiry(GrantSession session, Instant now) {
        Instant idle = now.plus(config.tokens().refreshIdleTtl());
        return idle.isBefore(session.absoluteExpiresAt()) ? idle : session.absoluteExpiresAt();
    }

    private TokenResponse response(GrantSession session, String refreshToken, Instant now) {
        Instant refreshExpiry = refreshExpiry(session, now);
        // expires_in is the token's own exp, which its session's end may bring forward
        long expiresIn = accessTokens.expiry(session, now).getEpochSecond() - now.getEpochSecond();
        return new TokenResponse(accessTokens.issue(session, now), refreshToken, "Bearer",
                Math.max(0, expiresIn), Math.max(0, Duration.between(now, refreshExpiry).toSeconds()));
    }

    private String successorOf(String token) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(successorKey);
            byte[] derived = mac.doFinal(token.getBytes(StandardCharsets.UTF_8));
            return REFRESH_TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(derived);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
