package com.agentwallex.apikey.verification;

import static com.agentwallex.apikey.support.KeysApi.freshIp;
import static com.agentwallex.apikey.support.KeysApi.verify;
import static org.assertj.core.api.Assertions.assertThat;

import com.agentwallex.common.testing.TestJwtKeys;
import com.agentwallex.contract.apikey.ApiKeyFormat;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Keys invented by the thousand pass the checksum (it is public) and would each cost a PostgreSQL
 * look-up: sent together from one address, no more of them are looked up than its failure limit,
 * since each look-up takes its failure's place before it starts.
 */
@QuarkusTest
@WithTestResource(value = TestJwtKeys.class, scope = TestResourceScope.GLOBAL)
class GuessesSentTogetherTest {

    private final int limit;

    GuessesSentTogetherTest(@ConfigProperty(name = "awx.apikey.verify.failures-per-window") int limit) {
        this.limit = limit;
    }

    @Test
    void inventedKeysSentTogetherGetNoMoreLookUpsThanTheFailureLimit() throws Exception {
        String ip = freshIp();
        int sent = limit * 3;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < sent; i++) {
                String invented = ApiKeyFormat.generate(ApiKeyFormat.Environment.SANDBOX);
                answers.add(pool.submit(() -> {
                    start.await();
                    return verify(invented, ip);
                }));
            }
            start.countDown();
            int lookedUp = 0;
            int refused = 0;
            for (Future<Response> answer : answers) {
                Response response = answer.get();
                if (response.statusCode() == 429) {
                    refused++;
                } else {
                    assertThat(response.statusCode()).isEqualTo(200);
                    assertThat(response.<String>path("code")).isEqualTo("NOT_FOUND");
                    lookedUp++;
                }
            }
            assertThat(lookedUp).as("invented keys looked up").isBetween(1, limit);
            assertThat(refused).isEqualTo(sent - lookedUp);
        } finally {
            pool.shutdownNow();
        }
    }
}
