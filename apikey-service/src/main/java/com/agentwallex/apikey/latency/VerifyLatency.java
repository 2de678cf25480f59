package com.agentwallex.apikey.latency;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * verify's latency, request in to response written, as {@code awx_apikey_verify_latency_seconds}
 * (a histogram, for the p99 alert). The generic HTTP timer is switched off for verify (its
 * per-request tags cost a tenth of verify's time, see application.properties); one timer without
 * tags, recorded from a route that runs before verify's own, costs a clock read and a bucket.
 */
@ApplicationScoped
class VerifyLatency {

    static final String PATH = "/internal/v1/api-keys/verify";

    private final Timer timer;

    VerifyLatency(MeterRegistry registry) {
        this.timer = Timer.builder("awx.apikey.verify.latency")
                .description("verify, from the request to the response written")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(100_000))
                .maximumExpectedValue(Duration.ofSeconds(5))
                .register(registry);
    }

    void register(@Observes Router router) {
        // First among the path's routes whatever order the observers run in.
        router.post(PATH).order(-1).handler(ctx -> {
            long start = System.nanoTime();
            ctx.addEndHandler(done -> timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS));
            ctx.next();
        });
    }
}
