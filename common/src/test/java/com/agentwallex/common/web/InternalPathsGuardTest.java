package com.agentwallex.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InternalPathsGuardTest {

    @ParameterizedTest
    @ValueSource(strings = {"/internal", "/internal/", "/internal/v1/organizations/org_1/plan", "/INTERNAL/v1/x",
        "/internal;x=1/v1/organizations/org_1/plan"})
    void aPathWhoseFirstSegmentIsInternalIsInternalWhateverFollows(String normalizedPath) {
        assertThat(InternalPathsGuard.isInternal(normalizedPath)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/api/v1/auth/plan", "/internals/v1", "/api/v1/internal", "/internal-keys", ""})
    void anyOtherPathIsNot(String normalizedPath) {
        assertThat(InternalPathsGuard.isInternal(normalizedPath)).isFalse();
    }
}
