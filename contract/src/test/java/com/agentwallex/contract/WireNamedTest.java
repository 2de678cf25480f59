package com.agentwallex.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.agentwallex.contract.apikey.ApiKeyFormat;
import com.agentwallex.contract.apikey.Scope;
import com.agentwallex.contract.events.AuthEvent;
import com.agentwallex.contract.events.AuthEventType;
import com.agentwallex.contract.plan.Plan;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WireNamedTest {

    static Stream<Arguments> contractEnums() {
        return Stream.of(
                Arguments.of(Plan.values(), (Function<String, Optional<?>>) Plan::fromWireName),
                Arguments.of(Scope.values(), (Function<String, Optional<?>>) Scope::fromWireName),
                Arguments.of(ApiKeyFormat.Environment.values(), (Function<String, Optional<?>>) ApiKeyFormat.Environment::fromWireName),
                Arguments.of(AuthEventType.values(), (Function<String, Optional<?>>) AuthEventType::fromWireName),
                Arguments.of(AuthEvent.ActorType.values(), (Function<String, Optional<?>>) AuthEvent.ActorType::fromWireName),
                Arguments.of(AuthEvent.Outcome.values(), (Function<String, Optional<?>>) AuthEvent.Outcome::fromWireName));
    }

    @ParameterizedTest
    @MethodSource("contractEnums")
    void everyConstantIsFoundByItsWireNameAndNothingElse(WireNamed[] constants, Function<String, Optional<?>> fromWireName) {
        for (WireNamed constant : constants) {
            assertThat(fromWireName.apply(constant.wireName()).orElseThrow()).isSameAs(constant);
            String javaName = ((Enum<?>) constant).name();
            if (!javaName.equals(constant.wireName())) {
                assertThat(fromWireName.apply(javaName)).as(javaName).isEmpty();
            }
            assertThat(fromWireName.apply(constant.wireName().toUpperCase(Locale.ROOT) + "X")).isEmpty();
        }
        assertThat(fromWireName.apply("")).isEmpty();
        assertThat(fromWireName.apply(null)).isEmpty();
    }

    enum Ambiguous implements WireNamed {
        ONE, OTHER;

        @Override
        public String wireName() {
            return "same";
        }
    }

    @Test
    void twoConstantsWithOneWireNameAreRefusedRatherThanDecodedAsEitherOne() {
        assertThatThrownBy(() -> WireNamed.lookup(Ambiguous.class, "same"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("same");
    }
}
