package com.agentwallex.auth.token;

import com.agentwallex.auth.AuthConfig;
import com.agentwallex.auth.Ids;
import com.agentwallex.auth.account.AccountRepository;
import com.agentwallex.auth.events.AuthEvents;
import com.agentwallex.common.web.ClientContext;
import com.agentwallex.auth.session.SessionEntity;
import com.agentwallex.auth.session.SessionService;
import com.agentwallex.common.events.AuthEvent.Outcome;
import com.agentwallex.common.events.AuthEvent.Resource;
import com.agentwallex.common.events.AuthEventType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
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

    private final EntityManager em;
    private final AuthConfig config;
    private final SessionService sessions;
    private final AccountRepository accounts;
    private final AccessTokenIssuer accessTokens;
    private final AuthEvents events;
    private final SecretKeySpec successorKey;

    TokenService(EntityManager em, AuthConfig config, SessionService sessions, AccountRepository accounts,
                 AccessTokenIssuer accessTokens, AuthEvents events) {
        this.em = em;
        this.config = config;
        this.sessions = sessions;
        this.accounts = accounts;
        this.accessTokens = accessTokens;
        this.events = events;
        this.successorKey = new SecretKeySpec(config.refresh().secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** Called at sign-in, in its transaction: a one-time code for the session just started. */
    @Transactional(Transactional.TxType.MANDATORY)
    public String newExchangeCode(SessionEntity session, String returnTo, Instant now) {
        String code = Ids.newSecret(EXCHANGE_CODE_PREFIX);
        ExchangeCodeEntity row = new ExchangeCodeEntity();
        row.codeHash = Ids.hash(code);
        row.sessionId = session.id;
        row.returnTo = returnTo;
        row.expiresAt = now.plus(config.signIn().exchangeCodeTtl());
        em.persist(row);
        return code;
    }

    @Transactional
    GrantOutcome exchange(String code, ClientContext client) {
        Instant now = Instant.now();
        ExchangeCodeEntity row = em.find(ExchangeCodeEntity.class, Ids.hash(code), LockModeType.PESSIMISTIC_WRITE);
        if (row == null) {
            events.anonymousFailure(AuthEventType.TOKEN_EXCHANGE_FAILED, "unknown_code", client, Map.of());
            return new GrantOutcome.Refused("The exchange code is not valid.");
        }
        SessionEntity session = sessions.lock(row.sessionId).orElseThrow();
        if (row.spentAt != null) {
            // A second use means the code leaked: whatever the first use obtained is revoked.
            events.user(AuthEventType.TOKEN_EXCHANGE_FAILED, session.orgId, session.userId, Outcome.FAILURE,
                    "code_reused", client, new Resource("session", session.id), Map.of());
            sessions.revoke(session, "exchange_code_reused", AuthEventType.SESSION_REVOKED, client);
            return new GrantOutcome.Refused("The exchange code was already used.");
        }
        if (!now.isBefore(row.expiresAt) || !session.isActive(now)) {
            row.spentAt = now;
            events.user(AuthEventType.TOKEN_EXCHANGE_FAILED, session.orgId, session.userId, Outcome.FAILURE,
                    "code_expired", client, new Resource("session", session.id), Map.of());
            return new GrantOutcome.Refused("The exchange code has expired.");
        }
        row.spentAt = now;
        String refresh = Ids.newSecret(REFRESH_TOKEN_PREFIX);
        insertRefreshToken(session, refresh, now);
        events.user(AuthEventType.TOKEN_EXCHANGED, session.orgId, session.userId, Outcome.SUCCESS, null, client,
                new Resource("session", session.id), Map.of());
        return new GrantOutcome.Issued(response(session, refresh, now));
    }

    @Transactional
    GrantOutcome refresh(String token, ClientContext client) {
        Instant now = Instant.now();
        Optional<RefreshTokenEntity> found = em.createQuery(
                        "from RefreshTokenEntity where tokenHash = :hash", RefreshTokenEntity.class)
                .setParameter("hash", Ids.hash(token)).setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream().findFirst();
        if (found.isEmpty()) {
            events.anonymousFailure(AuthEventType.TOKEN_REFRESH_FAILED, "unknown_token", client, Map.of());
            return new GrantOutcome.Refused("The refresh token is not valid.");
        }
        RefreshTokenEntity current = found.get();
        SessionEntity session = sessions.lock(current.sessionId).orElseThrow();
        Resource resource = new Resource("session", session.id);
        if (session.revokedAt != null) {
            events.user(AuthEventType.TOKEN_REFRESH_FAILED, session.orgId, session.userId, Outcome.FAILURE,
                    "session_revoked", client, resource, Map.of());
            return new GrantOutcome.Refused("The session has ended.");
        }
        if (current.spentAt != null) {
            if (Duration.between(current.spentAt, now).compareTo(config.tokens().reuseGrace()) <= 0) {
                return new GrantOutcome.Issued(response(session, successorOf(token), now));
            }
            events.user(AuthEventType.TOKEN_REUSE_DETECTED, session.orgId, session.userId, Outcome.FAILURE,
                    "refresh_token_reused", client, resource, Map.of("token_id", current.id));
            sessions.revoke(session, "refresh_token_reused", AuthEventType.SESSION_REVOKED, client);
            return new GrantOutcome.Refused("The refresh token was already used; the session has been ended.");
        }
        if (!now.isBefore(current.idleExpiresAt) || !now.isBefore(session.absoluteExpiresAt)) {
            events.user(AuthEventType.TOKEN_REFRESH_FAILED, session.orgId, session.userId, Outcome.FAILURE,
                    "expired", client, resource, Map.of());
            return new GrantOutcome.Refused("The refresh token has expired.");
        }
        String successor = successorOf(token);
        current.spentAt = now;
        current.successorId = insertRefreshToken(session, successor, now).id;
        session.lastRefreshedAt = now;
        events.user(AuthEventType.TOKEN_REFRESHED, session.orgId, session.userId, Outcome.SUCCESS, null, client,
                resource, Map.of());
        return new GrantOutcome.Issued(response(session, successor, now));
    }

    private RefreshTokenEntity insertRefreshToken(SessionEntity session, String token, Instant now) {
        RefreshTokenEntity row = new RefreshTokenEntity();
        row.id = Ids.newId("rt");
        row.sessionId = session.id;
        row.tokenHash = Ids.hash(token);
        row.issuedAt = now;
        Instant idle = now.plus(config.tokens().refreshIdleTtl());
        row.idleExpiresAt = idle.isBefore(session.absoluteExpiresAt) ? idle : session.absoluteExpiresAt;
        em.persist(row);
        return row;
    }

    private TokenResponse response(SessionEntity session, String refreshToken, Instant now) {
        String plan = accounts.organization(session.orgId).plan;
        Instant refreshExpiry = now.plus(config.tokens().refreshIdleTtl());
        if (refreshExpiry.isAfter(session.absoluteExpiresAt)) {
            refreshExpiry = session.absoluteExpiresAt;
        }
        return new TokenResponse(accessTokens.issue(session, plan, now), refreshToken, "Bearer",
                accessTokens.accessTtlSeconds(), Math.max(0, Duration.between(now, refreshExpiry).toSeconds()));
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
