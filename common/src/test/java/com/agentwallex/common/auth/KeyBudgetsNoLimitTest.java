package com.agentwallex.common.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.agentwallex.common.ratelimit.RateLimitPolicy;
import com.agentwallex.common.ratelimit.RateLimitedException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * "No limit" from the lease endpoint (the key's owner removed the policy while this replica's
 * cached verify answer still presents it) is believed only as long as such an answer can be stale:
 * a limit re-added in the same window is enforced again, not skipped until the window ends. So is
 * another limit (the owner lowered it): a request still presenting the old one is refused under the
 * new one without asking apikey-service again each time. The
 * lease endpoint here answers as apikey-service's does (RateLimitLeaseResource: limit, granted,
 * remaining; no limit when the key has none for the window), from the limit the test sets.
 */
class KeyBudgetsNoLimitTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DAY = 86_400;

    /** The key's limit for the window as apikey-service has it now; 0 for none. */
    private final AtomicLong storedLimit = new AtomicLong();
    private final AtomicLong leased = new AtomicLong();
    private final AtomicLong leases = new AtomicLong();
    private HttpServer apikeyService;
    private URI leaseUrl;

    @BeforeEach
    void start() throws IOException {
        apikeyService = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        apikeyService.createContext("/internal/v1/api-keys/rate-limit-leases", exchange -> {
            JsonNode request = JSON.readTree(exchange.getRequestBody());
            leases.incrementAndGet();
            long limit = storedLimit.get();
            String answer;
            if (limit == 0) {
                answer = "{\"granted\":0,\"remaining\":0,\"limit\":null}";
            } else {
                long granted = Math.max(0, Math.min(request.path("requested").asLong(), limit - leased.get()));
                leased.addAndGet(granted);
                answer = "{\"granted\":" + granted + ",\"remaining\":" + (limit - leased.get()) + ",\"limit\":" + limit + "}";
            }
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        apikeyService.start();
        leaseUrl = URI.create("http://127.0.0.1:" + apikeyService.getAddress().getPort() + "/internal/v1/api-keys/rate-limit-leases");
    }

    @AfterEach
    void stop() {
        apikeyService.stop(0);
    }

    private KeyBudgets budgets(Duration noLimitBelieved) {
        return new KeyBudgets(leaseUrl, new ApiKeyServiceCalls(Duration.ofSeconds(5), "awx_svc_test"), noLimitBelieved);
    }

    private static boolean admitted(KeyBudgets budgets, RateLimitPolicy policy) {
        try {
            budgets.spend("key_1", List.of(policy)).join();
            return true;
        } catch (CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(RateLimitedException.class);
            return false;
        }
    }

    @Test
    void aLimitReAddedAfterItsRemovalWasLeasedIsEnforcedAgainOnceNoStaleAnswerCanPresentTheOldOne() {
        KeyBudgets budgets = budgets(Duration.ofMillis(300));
        RateLimitPolicy policy = new RateLimitPolicy(3, DAY);
        // Removed in apikey-service, still presented by a cached verify answer: no limit, for now.
        assertThat(admitted(budgets, policy)).isTrue();
        assertThat(admitted(budgets, policy)).isTrue();
        // The owner sets the same limit again in the same day.
        storedLimit.set(3);
        await().atMost(Duration.ofSeconds(10)).until(() -> !admitted(budgets, policy));
        assertThat(leased.get()).as("never more than the limit was leased").isEqualTo(3);
    }

    @Test
    void aChangedLimitEndsTheNoLimitAtOnce() {
        KeyBudgets budgets = budgets(Duration.ofHours(1));
        assertThat(admitted(budgets, new RateLimitPolicy(5, DAY))).isTrue();
        storedLimit.set(2);
        RateLimitPolicy changed = new RateLimitPolicy(2, DAY);
        assertThat(admitted(budgets, changed)).isTrue();
        assertThat(admitted(budgets, changed)).isTrue();
        assertThat(admitted(budgets, changed)).isFalse();
    }

    @Test
    void staleAnswersPresentingTwoOldLimitsInTurnCostALeaseEachNotOneARequest() {
        KeyBudgets budgets = budgets(Duration.ofHours(1));
        // a verify answer cached before the limit was lowered to 50, an agent token made before it was removed
        RateLimitPolicy older = new RateLimitPolicy(100, DAY);
        RateLimitPolicy newer = new RateLimitPolicy(50, DAY);
        for (int i = 0; i < 10; i++) {
            assertThat(admitted(budgets, i % 2 == 0 ? older : newer)).isTrue();
        }
        assertThat(leases.get()).isEqualTo(2);
    }

    @Test
    void aLoweredLimitStillPresentedByStaleAnswersCostsALeaseNowAndThenNotOneARequest() {
        KeyBudgets budgets = budgets(Duration.ofHours(1));
        storedLimit.set(2);
        RateLimitPolicy older = new RateLimitPolicy(5, DAY);
        long admitted = 0;
        for (int i = 0; i < 20; i++) {
            admitted += admitted(budgets, older) ? 1 : 0;
        }
        assertThat(admitted).isEqualTo(2);
        assertThat(leases.get()).as("leases for 20 requests").isLessThanOrEqualTo(3);
        assertThat(admitted(budgets, new RateLimitPolicy(2, DAY))).as("the current limit, spent").isFalse();
    }

    @Test
    void aLimitRaisedBackToWhatStaleAnswersPresentedCountsOnceNoAnswerCanBeStale() {
        KeyBudgets budgets = budgets(Duration.ofMillis(300));
        storedLimit.set(1);
        RateLimitPolicy five = new RateLimitPolicy(5, DAY);
        assertThat(admitted(budgets, five)).isTrue();
        assertThat(admitted(budgets, five)).isFalse();
        storedLimit.set(5);
        await().atMost(Duration.ofSeconds(10)).until(() -> admitted(budgets, five));
        assertThat(leased.get()).as("never more than the limit was leased").isLessThanOrEqualTo(5);
    }

    @Test
    void whileApikeyServiceSaysNoLimitTheStalePolicyRefusesNothing() {
        KeyBudgets budgets = budgets(Duration.ofHours(1));
        RateLimitPolicy policy = new RateLimitPolicy(1, DAY);
        for (int i = 0; i < 10; i++) {
            assertThat(admitted(budgets, policy)).isTrue();
        }
    }
}
