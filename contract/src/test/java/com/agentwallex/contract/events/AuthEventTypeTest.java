package com.agentwallex.contract.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuthEventTypeTest {

    @ParameterizedTest
    @CsvSource({"auth.agent_token.issued, auth-service", "api_key.leaked, apikey-service", "audit.exported, audit-service"})
    void eachFamilyOfEventsComesFromItsOwnServiceAndNoOther(String wireName, String owner) {
        AuthEventType type = AuthEventType.fromWireName(wireName).orElseThrow();
        assertThat(type.mayComeFrom(owner)).isTrue();
        for (String other : new String[] {"auth-service", "apikey-service", "audit-service", "wallet-service"}) {
            if (!other.equals(owner)) {
                assertThat(type.mayComeFrom(other)).as("%s from %s", wireName, other).isFalse();
            }
        }
    }

    @Test
    void denialsAndRateLimitsMayComeFromAnyService() {
        assertThat(AuthEventType.ACCESS_DENIED.mayComeFrom("wallet-service")).isTrue();
        assertThat(AuthEventType.RATE_LIMIT_EXCEEDED.mayComeFrom("audit-service")).isTrue();
    }
}
