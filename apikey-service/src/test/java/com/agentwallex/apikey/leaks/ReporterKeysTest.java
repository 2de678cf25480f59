package com.agentwallex.apikey.leaks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A reporter (GitHub) publishes its keys at a URL; a stand-in for it here mocks nothing of ours. */
class ReporterKeysTest {

    private static final String KEY_ID = "reporter-key-1";

    @Test
    void reportsArrivingWhileTheReportersKeysAreFetchedAreCheckedAgainstThemNotRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        String pem = "-----BEGIN PUBLIC KEY-----\\n" + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded())
                + "\\n-----END PUBLIC KEY-----";
        byte[] document = ("{\"public_keys\":[{\"key_identifier\":\"" + KEY_ID + "\",\"key\":\"" + pem + "\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        HttpServer reporter = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        reporter.createContext("/keys", exchange -> {
            try {
                Thread.sleep(200); // a reporter across the internet: the fetch takes a while
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, document.length);
            exchange.getResponseBody().write(document);
            exchange.close();
        });
        reporter.start();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            ReporterKeys keys = new ReporterKeys(Optional.of(URI.create("http://127.0.0.1:" + reporter.getAddress().getPort() + "/keys")),
                    Duration.ofHours(1), new ObjectMapper());
            byte[] report = "[{\"token\":\"awx_live_x\",\"type\":\"agentwallex_api_key\"}]".getBytes(StandardCharsets.UTF_8);
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(pair.getPrivate());
            signer.update(report);
            String signature = Base64.getEncoder().encodeToString(signer.sign());

            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> checks = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                checks.add(pool.submit(() -> {
                    go.await();
                    return keys.signed(report, KEY_ID, signature);
                }));
            }
            go.countDown();
            for (Future<Boolean> check : checks) {
                assertThat(check.get(10, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            pool.shutdownNow();
            reporter.stop(0);
        }
    }
}
