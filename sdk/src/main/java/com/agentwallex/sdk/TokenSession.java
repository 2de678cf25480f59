package com.agentwallex.sdk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A signed-in user's tokens, kept fresh: {@link #accessToken()} refreshes shortly before the access
 * token expires. Safe to share between threads: refresh tokens are single-use and a second refresh
 * of the same one looks like theft to the API (outside a short grace), so one thread refreshes
 * while the others wait for its result, and there is never more than one refresh in flight.
 *
 * <p>For a web back end that keeps the user's tokens between requests, {@link #refreshToken()}
 * is what to store (encrypted, server-side) and {@link SignIn#resume(String)} brings the session
 * back. Neither token appears in {@link #toString()}.
 */
public final class TokenSession {

    /** Refreshes when less than this is left, or a fifth of the lifetime for shorter-lived tokens. */
    static final Duration MARGIN = Duration.ofSeconds(60);

    /** One refresh: the spent refresh token in, the next pair out. */
    interface Refresher {
        Tokens refresh(String refreshToken);

        /**
         * A refresh whose answer was lost may have rotated the token at the API: asked again at once,
         * the API's reuse grace (10 s) returns the same successor, where a retry on some later call
         * would count as theft and end the session.
         */
        default Tokens spend(String refreshToken) {
            try {
                return refresh(refreshToken);
            } catch (UnavailableException e) {
                return refresh(refreshToken);
            }
        }
    }

    /** The token endpoints' answer. */
    record Tokens(String accessToken, String refreshToken, String tokenType, long expiresIn, long refreshExpiresIn) {

        @Override
        public String toString() {
            return "Tokens[expires_in=" + expiresIn + ", refresh_expires_in=" + refreshExpiresIn + "]";
        }
    }

    /** {@code ended} is set once the API refused the refresh token or the session was logged out. */
    private record State(String access, String refresh, Instant refreshAt, Instant expiresAt, ApiException ended) {
    }

    private final Refresher refresher;
    private final Logout logout;
    private final Clock clock;
    private final ReentrantLock refreshing = new ReentrantLock();
    private volatile State state;
    /** Refreshes that failed, and the last one's failure: threads that waited for an attempt share its outcome. */
    private volatile long failedAttempts;
    private ApiException lastFailure;

    /** Ends the session at the API. */
    interface Logout {
        void logout(String accessToken);
    }

    TokenSession(Tokens tokens, Refresher refresher, Logout logout, Clock clock) {
        this.refresher = refresher;
        this.logout = logout;
        this.clock = clock;
        this.state = stateOf(tokens);
    }

    /**
     * A valid access token, refreshed first if it was about to expire. A refresh that fails for a
     * passing reason (no answer, 429, 5xx) leaves the current token in use while it has not expired.
     */
    public String accessToken() {
        State current = state;
        if (current.ended() == null && clock.instant().isBefore(current.refreshAt())) {
            return current.access();
        }
        long failedBefore = failedAttempts;
        refreshing.lock();
        try {
            // another thread may have refreshed while this one waited: its result is this one's too
            current = state;
            if (current.ended() == null && clock.instant().isBefore(current.refreshAt())) {
                return current.access();
            }
            if (failedAttempts != failedBefore) {
                // ...and so is its failure: every waiting thread trying again in turn would multiply the
                // wait (each attempt up to two timeouts) and the refusals counted against the caller
                return stillUsable(current, lastFailure);
            }
            try {
                return refreshLocked(current).access();
            } catch (ApiException e) {
                lastFailure = e;
                failedAttempts++;
                return stillUsable(current, e);
            }
        } finally {
            refreshing.unlock();
        }
    }

    /** After a failed refresh: the token while it has not expired, unless the API refused the refresh token. */
    private String stillUsable(State current, ApiException failure) {
        if (failure.status() != 400 && failure.status() != 401 && clock.instant().isBefore(current.expiresAt())) {
            return current.access();
        }
        throw failure;
    }

    /** Threads waiting for the refresh under way (for tests). */
    int queuedForRefresh() {
        return refreshing.getQueueLength();
    }

    /** Refreshes now, whatever the access token's age (e.g. after its scopes changed). */
    public void refresh() {
        refreshing.lock();
        try {
            refreshLocked(state);
        } finally {
            refreshing.unlock();
        }
    }

    /** The refresh token to keep for {@link SignIn#resume(String)}; it changes with every refresh. */
    public String refreshToken() {
        return state.refresh();
    }

    public Instant accessTokenExpiresAt() {
        return state.expiresAt();
    }

    /**
     * Ends the session at the API: its refresh token at once, its access tokens everywhere within
     * seconds. This object is done with afterwards: its tokens are refused.
     */
    public void logout() {
        logout.logout(accessToken());
        refreshing.lock();
        try {
            State current = state;
            state = new State(current.access(), current.refresh(), current.refreshAt(), current.expiresAt(),
                    new AuthenticationException(new ApiException.Problem(null, "Session ended", 401,
                            "This session was logged out; sign in again.", null, null, null)));
        } finally {
            refreshing.unlock();
        }
    }

    /**
     * A refresh token the API refused (the session was revoked, logged out elsewhere, or its token
     * reused) is never sent again: every later call would be refused the same way, and each refusal
     * counts against the caller's address in the API's sign-in rate limit, which a back end shares
     * with all its users. A failure without an answer (the API unreachable) leaves it to try again.
     */
    private State refreshLocked(State current) {
        if (current.ended() != null) {
            throw current.ended();
        }
        State next;
        try {
            next = stateOf(refresher.spend(current.refresh()));
        } catch (ApiException e) {
            if (e.status() == 400 || e.status() == 401) {
                state = new State(current.access(), current.refresh(), current.refreshAt(), current.expiresAt(), e);
            }
            throw e;
        }
        state = next;
        return next;
    }

    private State stateOf(Tokens tokens) {
        Instant now = clock.instant();
        Duration lifetime = Duration.ofSeconds(tokens.expiresIn());
        Duration margin = lifetime.dividedBy(5).compareTo(MARGIN) < 0 ? lifetime.dividedBy(5) : MARGIN;
        Instant expiresAt = now.plus(lifetime);
        return new State(tokens.accessToken(), tokens.refreshToken(), expiresAt.minus(margin), expiresAt, null);
    }

    @Override
    public String toString() {
        return "TokenSession[access token expires at " + state.expiresAt() + "]";
    }
}
