package com.agentwallex.common.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.agentwallex.contract.problem.InvalidParameterException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParametersTest {

    @Test
    void anAbsentLimitIsTheFallbackAndAGivenOneIsKeptWithinItsRange() {
        assertThat(Parameters.limit(null, 50, 100)).isEqualTo(50);
        assertThat(Parameters.limit("1", 50, 100)).isEqualTo(1);
        assertThat(Parameters.limit("100", 50, 100)).isEqualTo(100);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "101", "-1", "abc", "1.5", "99999999999", "", " 5"})
    void aLimitThatIsNoWholeNumberInRangeIsAnInvalidLimit(String value) {
        assertThatThrownBy(() -> Parameters.limit(value, 50, 100))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.parameter()).isEqualTo("limit"));
    }

    @Test
    void aTimestampTakesAnyOffsetAndIsReadAsItsInstant() {
        assertThat(Parameters.timestamp("from", null)).isNull();
        assertThat(Parameters.timestamp("from", "2027-01-31T12:00:00Z")).isEqualTo(Instant.parse("2027-01-31T12:00:00Z"));
        assertThat(Parameters.timestamp("from", "2027-01-31T14:00:00+02:00")).isEqualTo(Instant.parse("2027-01-31T12:00:00Z"));
        assertThat(Parameters.timestamp("to", "9999-12-31T23:59:59.999Z")).isEqualTo(Instant.parse("9999-12-31T23:59:59.999Z"));
        assertThat(Parameters.timestamp("to", "0001-01-01T00:00:00Z")).isEqualTo(Instant.parse("0001-01-01T00:00:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2026-13-01T00:00:00Z", "2026-01-01", "+300000-01-01T00:00:00Z",
            "+999999999-12-31T23:59:59-18:00", "10000-01-01T00:00:00Z", "9999-12-31T23:59:59.9999995Z", "-0001-01-01T00:00:00Z", "0001-01-01T00:00:00+01:00"})
    void aTimestampOutsideRfc3339sFourDigitYearsIsAnInvalidParameterNamedAsGiven(String value) {
        assertThatThrownBy(() -> Parameters.timestamp("expires_at", value))
                .isInstanceOfSatisfying(InvalidParameterException.class,
                        e -> assertThat(e.parameter()).isEqualTo("expires_at"));
    }
}
