package com.agentwallex.common.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.agentwallex.contract.problem.UnavailableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.keys.EllipticCurves;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A kid we cannot look up because auth-service's JWKS is away is our outage (503), not the caller's bad token
 * (401); and a good token is never refused because its key was still being read.
 */
class JwksKeysTest {

    @TempDir
    Path dir;

    private Path jwks(String kid) throws Exception {
        EllipticCurveJsonWebKey key = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        key.setKeyId(kid);
        return Files.writeString(dir.resolve("jwks.json"), new JsonWebKeySet(key).toJson());
    }

    private static Throwable failureOf(JwksKeys keys, String kid) {
        Throwable failure = catchThrowable(() -> keys.key(kid).join());
        return failure instanceof CompletionException c ? c.getCause() : failure;
    }

    @Test
    void anUnknownKidWhileTheJwksCannotBeFetchedIsUnavailableAndStaysSoUntilTheNextFetch() {
        JwksKeys keys = new JwksKeys(dir.resolve("missing.json").toUri(), Duration.ofMinutes(5), Duration.ofSeconds(30));

        assertThat(failureOf(keys, "k1")).isInstanceOf(UnavailableException.class);
        // within the minimum refetch interval no new fetch is made, and the answer stays the same
        assertThat(failureOf(keys, "k1")).isInstanceOf(UnavailableException.class);
    }

    @Test
    void anUnknownKidOfAJwksThatWasFetchedIsUnknown() throws Exception {
        JwksKeys keys = new JwksKeys(jwks("k1").toUri(), Duration.ofMinutes(5), Duration.ofSeconds(30));

        assertThat(keys.key("k1").join()).isNotNull();
        assertThat(keys.key("someone-elses").join()).isNull();
    }

    @Test
    void callersArrivingWhileTheFirstFetchIsReadGetTheKeyNeverNull() throws Exception {
        Path file = jwks("k1");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 50; round++) {
                JwksKeys keys = new JwksKeys(file.toUri(), Duration.ofMinutes(5), Duration.ofSeconds(30));
                CountDownLatch go = new CountDownLatch(1);
                List<Future<PublicKey>> answers = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    answers.add(pool.submit(() -> {
                        go.await();
                        return keys.key("k1").join();
                    }));
                }
                go.countDown();
                for (Future<PublicKey> answer : answers) {
                    assertThat(answer.get(10, TimeUnit.SECONDS)).as("round %d", round).isNotNull();
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aKnownKidStaysUsableWhenALaterFetchFails() throws Exception {
        Path file = jwks("k1");
        JwksKeys keys = new JwksKeys(file.toUri(), Duration.ZERO, Duration.ZERO);
        assertThat(keys.key("k1").join()).isNotNull();

        Files.delete(file);

        assertThat(keys.key("k1").join()).isNotNull();
        assertThat(failureOf(keys, "k2")).isInstanceOf(UnavailableException.class);
    }

    @Test
    void aKidWithdrawnFromThePublishedSetIsRefusedFromTheFirstFetchThatLacksIt() throws Exception {
        jwks("k1");
        JwksKeys keys = new JwksKeys(dir.resolve("jwks.json").toUri(), Duration.ZERO, Duration.ZERO);
        assertThat(keys.key("k1").join()).isNotNull();

        jwks("k2"); // k1 withdrawn, e.g. after a leak of its private key

        assertThat(keys.key("k1").join()).as("the fetch that no longer names it").isNull();
        assertThat(keys.key("k2").join()).isNotNull();
    }
}
