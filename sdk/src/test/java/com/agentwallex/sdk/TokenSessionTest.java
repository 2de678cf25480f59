package com.agentwallex.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class TokenSessionTest {

    private Instant now = Instant.parse("2026-12-04T12:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final AtomicInteger refreshes = new AtomicInteger();
    private final List<String> spent = new ArrayList<>();

    private TokenSession.Tokens tokens(int generation) {
        return new TokenSession.Tokens("access-" + generation, "refresh-" + generation, "Bearer", 900, 604800);
    }

    private TokenSession session(TokenSession.Refresher refresher) {
        return new TokenSession(tokens(0), refresher, access -> { }, clock);
    }

    private TokenSession.Tokens countingRefresh(String refreshToken) {
        synchronized (spent) {
            spent.add(refreshToken);
        }
        return tokens(refreshes.incrementAndGet());
    }

    @Test
    void theAccessTokenIsRefreshedAMinuteBeforeItExpiresNotAfter() {
        TokenSession session = session(this::countingRefresh);
        now = now.plus(Duration.ofSeconds(839));
        assertThat(session.accessToken()).isEqualTo("access-0");
        now = now.plus(Duration.ofSeconds(1));
        assertThat(session.accessToken()).isEqualTo("access-1");
        assertThat(session.refreshToken()).isEqualTo("refresh-1");
        assertThat(spent).containsExactly("refresh-0");
    }

    @Test
    void threadsThatFindTheTokenDueTogetherCauseOneRefreshAndAllGetItsResult() throws Exception {
        CountDownLatch inRefresh = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        TokenSession session = session(refreshToken -> {
            inRefresh.countDown();
            try {
                release.await(10, TimeUnit.SECONDS); // hold the refresh open while the others arrive
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return countingRefresh(refreshToken);
        });
        now = now.plus(Duration.ofMinutes(15));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> callers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                callers.add(pool.submit(session::accessToken));
            }
            assertThat(inRefresh.await(10, TimeUnit.SECONDS)).isTrue();
            release.countDown();
            for (Future<String> caller : callers) {
                assertThat(caller.get(10, TimeUnit.SECONDS)).isEqualTo("access-1");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(refreshes).hasValue(1);
        assertThat(spent).containsExactly("refresh-0");
    }

    @Test
    void threadsThatWaitedForARefreshThatFailedShareItsOutcomeInsteadOfEachTryingAgain() throws Exception {
        CountDownLatch inRefresh = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        TokenSession session = session(refreshToken -> {
            refreshes.incrementAndGet();
            inRefresh.countDown();
            try {
                release.await(10, TimeUnit.SECONDS); // auth-service slow to fail while the others queue
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw refusal(429); // a 503 would be one attempt of two calls (Refresher.spend)
        });
        now = now.plus(Duration.ofSeconds(870)); // due, not expired
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> callers = new ArrayList<>();
            callers.add(pool.submit(session::accessToken));
            assertThat(inRefresh.await(10, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 7; i++) {
                callers.add(pool.submit(session::accessToken));
            }
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> session.queuedForRefresh() == 7);
            release.countDown();
            for (Future<String> caller : callers) {
                assertThat(caller.get(10, TimeUnit.SECONDS)).isEqualTo("access-0");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(refreshes).as("one attempt for the eight callers").hasValue(1);
        assertThat(session.accessToken()).as("a later call tries again").isEqualTo("access-0");
        assertThat(refreshes).hasValue(2);
    }

    @Test
    void neitherTokenIsInToString() {
        TokenSession session = session(this::countingRefresh);
        assertThat(session.toString()).doesNotContain("access-0", "refresh-0");
        assertThat(tokens(3).toString()).doesNotContain("access-3", "refresh-3");
    }

    private static ApiException refusal(int status) {
        return ApiException.of(new ApiException.Problem("https://docs.agentwallex.com/problems/invalid_grant", "Invalid grant",
                status, "the refresh token is unknown, spent, expired or revoked", "req-1", null, null), null);
    }

    @Test
    void aRefreshTokenTheApiRefusedIsNeverSentAgain() {
        TokenSession session = session(refreshToken -> {
            refreshes.incrementAndGet();
            throw refusal(400);
        });
        now = now.plus(Duration.ofMinutes(15));

        ApiException first = catchThrowableOfType(ApiException.class, session::accessToken);
        ApiException second = catchThrowableOfType(ApiException.class, session::accessToken);
        ApiException forced = catchThrowableOfType(ApiException.class, session::refresh);

        assertThat(first.status()).isEqualTo(400);
        assertThat(second).isSameAs(first);
        assertThat(forced).isSameAs(first);
        assertThat(refreshes).hasValue(1);
    }

    @Test
    void aRefreshThatGotNoAnswerTwiceIsTriedAgainOnTheNextCall() {
        TokenSession session = session(refreshToken -> {
            spent.add(refreshToken);
            if (refreshes.incrementAndGet() <= 2) {
                throw refusal(0);
            }
            return tokens(3);
        });
        now = now.plus(Duration.ofMinutes(15));

        assertThat(catchThrowableOfType(UnavailableException.class, session::accessToken)).isNotNull();
        assertThat(session.accessToken()).isEqualTo("access-3");
        assertThat(spent).containsExactly("refresh-0", "refresh-0", "refresh-0");
    }

    @Test
    void aRefreshWhoseAnswerWasLostIsAskedAgainAtOnceWithTheSameTokenInsideTheApisReuseGrace() {
        TokenSession session = session(refreshToken -> {
            spent.add(refreshToken);
            if (refreshes.incrementAndGet() == 1) {
                throw refusal(502);
            }
            return tokens(2);
        });
        now = now.plus(Duration.ofMinutes(15));

        assertThat(session.accessToken()).isEqualTo("access-2");
        assertThat(spent).containsExactly("refresh-0", "refresh-0");
    }

    @Test
    void aRefreshThatFailsForAPassingReasonLeavesTheUnexpiredAccessTokenInUse() {
        int[] status = {503};
        TokenSession session = session(refreshToken -> {
            refreshes.incrementAndGet();
            throw refusal(status[0]);
        });
        now = now.plus(Duration.ofSeconds(870));

        assertThat(session.accessToken()).isEqualTo("access-0");
        status[0] = 429;
        assertThat(session.accessToken()).isEqualTo("access-0");
        status[0] = 400;
        assertThat(catchThrowableOfType(ApiException.class, session::accessToken).status()).isEqualTo(400);
        now = now.plus(Duration.ofSeconds(30));
        status[0] = 503;
        assertThat(catchThrowableOfType(ApiException.class, session::accessToken).status()).isEqualTo(400);
    }

    @Test
    void aLoggedOutSessionRefusesItsTokensWithoutAskingTheApi() {
        List<String> loggedOut = new ArrayList<>();
        TokenSession session = new TokenSession(tokens(0), this::countingRefresh, loggedOut::add, clock);

        session.logout();

        assertThat(loggedOut).containsExactly("access-0");
        assertThat(catchThrowableOfType(AuthenticationException.class, session::accessToken)).hasMessageContaining("logged out");
        now = now.plus(Duration.ofMinutes(15));
        assertThat(catchThrowableOfType(AuthenticationException.class, session::refresh)).isNotNull();
        assertThat(refreshes).hasValue(0);
    }
}
