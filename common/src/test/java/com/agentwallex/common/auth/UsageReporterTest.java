package com.agentwallex.common.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the reporter sends to apikey-service's usage endpoint, which here answers with a status the
 * test sets (apikey-service's own tests show it takes a full batch: KeyUsageTest).
 */
class UsageReporterTest {

    private static final int BODY_LIMIT = 64 * 1024; // what a batch is held to, far below apikey-service's body limit

    private HttpServer apikeyService;
    private final List<byte[]> bodies = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(204);
    private UsageReporter reporter;
    private URI url;

    @BeforeEach
    void start() throws IOException {
        apikeyService = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        apikeyService.createContext("/internal/v1/api-keys/usage", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int answer = status.get();
            if (answer / 100 == 2) {
                bodies.add(body);
            }
            exchange.sendResponseHeaders(answer, -1);
            exchange.close();
        });
        apikeyService.start();
        url = URI.create("http://127.0.0.1:" + apikeyService.getAddress().getPort() + "/internal/v1/api-keys/usage");
        reporter = new UsageReporter(url, new ApiKeyServiceCalls(Duration.ofSeconds(5), "awx_svc_test"), Duration.ofHours(1));
    }

    @AfterEach
    void stop() {
        reporter.stop();
        apikeyService.stop(0);
    }

    @Test
    void usesFromManyAddressesAreReportedInBatchesThatFitApikeyServicesBodyLimit() {
        for (int i = 0; i < 450; i++) {
            reporter.used(key("key_1"), longestIpv6(i), Instant.now());
        }
        reporter.report();
        assertThat(bodies).hasSize(3).allSatisfy(body -> assertThat(body.length).isLessThan(BODY_LIMIT));
        assertThat(reportedUses()).isEqualTo(450);
    }

    @Test
    void aBatchApikeyServiceRefusesAsInvalidIsDroppedInsteadOfBlockingEveryLaterReport() {
        reporter.used(key("key_refused"), "198.51.100.7", Instant.now());
        status.set(400);
        reporter.report();
        status.set(204);
        reporter.used(key("key_next"), "198.51.100.7", Instant.now());
        reporter.report();
        assertThat(reportedKeys()).containsExactly("key_next");
    }

    @Test
    void usesRefusedForOurCredentialAreKeptForWhenItIsFixed() {
        reporter.used(key("key_1"), "198.51.100.7", Instant.now());
        status.set(401);
        reporter.report();
        status.set(204);
        reporter.report();
        assertThat(reportedKeys()).containsExactly("key_1");
    }

    @Test
    void usesApikeyServiceCouldNotTakeAreSentAgainWithThoseCountedSince() {
        reporter.used(key("key_1"), "198.51.100.7", Instant.now());
        status.set(503);
        reporter.report();
        reporter.used(key("key_1"), "198.51.100.7", Instant.now());
        status.set(204);
        reporter.report();
        assertThat(bodies).hasSize(1);
        assertThat(reportedUses()).isEqualTo(2);
    }

    @Test
    void whileApikeyServiceIsAwayTheReporterHoldsABoundedNumberOfPairs() {
        status.set(503);
        for (int i = 0; i < UsageReporter.MAX_GROUPS + 500; i++) {
            reporter.used(key("key_1"), longestIpv6(i), Instant.now());
        }
        status.set(204);
        // a report the full map started on the reporter's own thread may still be putting back what it took
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            reporter.report();
            return reportedUses() >= UsageReporter.MAX_GROUPS;
        });
        assertThat(reportedUses()).isEqualTo(UsageReporter.MAX_GROUPS);
    }

    @Test
    void usesTheTimerIsSendingWhenTheServiceStopsAreCountedOnceAndLaterOnesGoWithTheLastReport() throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean first = new AtomicBoolean(true);
        List<byte[]> received = new CopyOnWriteArrayList<>();
        HttpServer slow = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ExecutorService handlers = Executors.newCachedThreadPool();
        slow.setExecutor(handlers);
        slow.createContext("/usage", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (first.getAndSet(false)) {
                arrived.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            received.add(body);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        slow.start();
        try {
            UsageReporter timed = new UsageReporter(URI.create("http://127.0.0.1:" + slow.getAddress().getPort() + "/usage"),
                    new ApiKeyServiceCalls(Duration.ofSeconds(5), "awx_svc_test"), Duration.ofMillis(50));
            timed.used(key("key_1"), "198.51.100.7", Instant.now());
            assertThat(arrived.await(10, TimeUnit.SECONDS)).as("the timer's report is on its way").isTrue();
            timed.used(key("key_1"), "198.51.100.7", Instant.now());

            Thread stopping = new Thread(timed::stop);
            stopping.start();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> stopping.getState() != Thread.State.RUNNABLE
                    && stopping.getState() != Thread.State.NEW);
            release.countDown();
            stopping.join(15_000);

            long total = 0;
            for (byte[] body : received) {
                for (JsonNode use : ApiKeyServiceCalls.read(body).path("uses")) {
                    total += use.path("count").asLong();
                }
            }
            assertThat(total).isEqualTo(2);
        } finally {
            slow.stop(0);
            handlers.shutdownNow();
        }
    }

    /**
     * A report drops a pair that was idle since the last one. A use that found the pair's count just
     * before, and adds to it just after, is still reported: it goes into a fresh count.
     */
    @Test
    void aUseCountedAsAReportDropsItsIdlePairIsStillReported() throws Exception {
        reporter.stop();
        PausingCounts counts = new PausingCounts();
        reporter = new UsageReporter(url, new ApiKeyServiceCalls(Duration.ofSeconds(5), "awx_svc_test"), Duration.ofHours(1), counts);
        reporter.used(key("key_idle"), "10.0.0.1", Instant.now());
        reporter.report(); // the pair stays, with nothing left to report: idle at the next report

        counts.pauseNextFind();
        Thread use = new Thread(() -> reporter.used(key("key_idle"), "10.0.0.1", Instant.now()));
        use.start();
        assertThat(counts.found.await(10, TimeUnit.SECONDS)).isTrue();
        reporter.report(); // drops the idle pair while the use holds its count
        counts.resume.countDown();
        use.join(10_000);
        reporter.report();

        assertThat(reportedUses()).isEqualTo(2);
    }

    /** Pauses one lookup after it has found a count, before the use adds to it. */
    private static final class PausingCounts extends ConcurrentHashMap<UsageReporter.Group, UsageReporter.Count> {
        final CountDownLatch found = new CountDownLatch(1);
        final CountDownLatch resume = new CountDownLatch(1);
        private final AtomicBoolean pause = new AtomicBoolean();

        void pauseNextFind() {
            pause.set(true);
        }

        @Override
        public UsageReporter.Count get(Object key) {
            UsageReporter.Count count = super.get(key);
            if (count != null && pause.compareAndSet(true, false)) {
                found.countDown();
                try {
                    resume.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return count;
        }
    }

    private long reportedUses() {
        return uses().stream().mapToLong(use -> use.path("count").asLong()).sum();
    }

    private List<String> reportedKeys() {
        return uses().stream().map(use -> use.path("key_id").asText()).toList();
    }

    private List<JsonNode> uses() {
        return bodies.stream().flatMap(body -> {
            try {
                return java.util.stream.StreamSupport.stream(ApiKeyServiceCalls.read(body).path("uses").spliterator(), false);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static String longestIpv6(int i) {
        return String.format("2001:0db8:ffff:ffff:ffff:ffff:%04x:%04x", i >> 16, i & 0xffff);
    }

    private static AwxPrincipal key(String id) {
        return new AwxPrincipal(AwxPrincipal.ActorType.API_KEY, id, "org_0123456789abcdef0123456789abcdef", Set.of(),
                "sandbox", "free", null, null, null, List.of());
    }
}
