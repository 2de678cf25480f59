package com.agentwallex.common.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimitPolicyTest {

    @Test
    void windowsAreAlignedToTheEpochSoEveryReplicaAgreesWhichWindowAMomentIsIn() {
        RateLimitPolicy perMinute = new RateLimitPolicy(100, 60);
        assertThat(perMinute.windowStart(Instant.parse("2026-12-05T10:15:59Z")))
                .isEqualTo(Instant.parse("2026-12-05T10:15:00Z").getEpochSecond());
        assertThat(perMinute.windowStart(Instant.parse("2026-12-05T10:16:00Z")))
                .isEqualTo(Instant.parse("2026-12-05T10:16:00Z").getEpochSecond());
        assertThat(new RateLimitPolicy(5, 86_400).windowStart(Instant.parse("2026-12-05T23:59:59Z")))
                .isEqualTo(Instant.parse("2026-12-05T00:00:00Z").getEpochSecond());
    }

    @Test
    void aPolicyIsNamedByItsWindowAndWrittenAsTheIetfHeaderItem() {
        assertThat(new RateLimitPolicy(10, 1).name()).isEqualTo("1s");
        assertThat(new RateLimitPolicy(10, 90).name()).isEqualTo("90s");
        assertThat(new RateLimitPolicy(10, 120).name()).isEqualTo("2m");
        assertThat(new RateLimitPolicy(10, 3_600).name()).isEqualTo("1h");
        assertThat(new RateLimitPolicy(10, 86_400).name()).isEqualTo("1d");
        assertThat(new RateLimitPolicy(100, 60).headerItem()).isEqualTo("\"1m\";q=100;w=60");
    }

    @Test
    void theWireFormRoundTripsAndWhatCannotBeReadIsSkippedNotFatal() {
        List<RateLimitPolicy> policies = List.of(new RateLimitPolicy(10, 1), new RateLimitPolicy(100_000, 86_400));
        assertThat(RateLimitPolicy.wireForms(policies)).containsExactly("10/1", "100000/86400");
        assertThat(RateLimitPolicy.fromWireForms(List.of("100000/86400", "10/1", "x/1", "5", "0/60")))
                .containsExactlyElementsOf(policies);
    }

    @Test
    void limitsAndWindowsOutsideTheRulesAreRefused() {
        assertThatThrownBy(() -> new RateLimitPolicy(0, 60)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimitPolicy(RateLimitPolicy.MAX_LIMIT + 1, 60)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimitPolicy(10, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimitPolicy(10, 86_401)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RateLimitPolicy.checkedSet(List.of(new RateLimitPolicy(1, 60), new RateLimitPolicy(2, 60))))
                .hasMessageContaining("60");
        assertThatThrownBy(() -> RateLimitPolicy.checkedSet(List.of(new RateLimitPolicy(1, 1), new RateLimitPolicy(1, 2),
                new RateLimitPolicy(1, 3), new RateLimitPolicy(1, 4), new RateLimitPolicy(1, 5)))).hasMessageContaining("at most 4");
    }
}
