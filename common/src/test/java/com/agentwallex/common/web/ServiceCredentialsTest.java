package com.agentwallex.common.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.agentwallex.contract.problem.ApiException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceCredentialsTest {

    private static final String CURRENT = "current-credential-0123456789abcdef";
    private static final String PREVIOUS = "previous-credential-0123456789abcdef";

    private final ServiceCredentials credentials =
            new ServiceCredentials(List.of(CURRENT, " " + PREVIOUS + " ", ""), "test.credentials");

    @Test
    void everyConfiguredCredentialIsAcceptedSoTheyCanBeRotated() {
        assertThat(credentials.accepts("Bearer " + CURRENT)).isTrue();
        assertThat(credentials.accepts("bearer " + PREVIOUS)).isTrue();
    }

    @Test
    void anythingElseIsRefusedWith401() {
        assertThat(credentials.accepts(null)).isFalse();
        assertThat(credentials.accepts(CURRENT)).isFalse();
        assertThat(credentials.accepts("Basic " + CURRENT)).isFalse();
        assertThat(credentials.accepts("Bearer " + CURRENT + "x")).isFalse();
        assertThat(credentials.accepts("Bearer " + "x".repeat(600))).isFalse();
        assertThatThrownBy(() -> credentials.require("Bearer nope", "plan changes"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(401))
                .hasMessage("plan changes needs a service credential as a Bearer token.");
    }

    @Test
    void withNoneConfiguredEveryCallIsRefused() {
        assertThat(new ServiceCredentials(List.of(), "test.credentials").accepts("Bearer " + CURRENT)).isFalse();
    }

    @Test
    void aCredentialTooShortToBeASecretStopsStartUp() {
        assertThatThrownBy(() -> new ServiceCredentials(List.of("short"), "test.credentials"))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("test.credentials:");
    }
}
