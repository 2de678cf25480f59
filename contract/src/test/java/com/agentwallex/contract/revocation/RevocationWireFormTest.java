package com.agentwallex.contract.revocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RevocationWireFormTest {

    private static final Instant T = Instant.parse("2026-12-05T10:00:00Z");

    @Test
    void aSessionRevocationReadsBackAsWritten() {
        SessionRevocation revocation = new SessionRevocation("ses_1", "org_1", "logout", T, T.plusSeconds(900));
        assertThat(new String(revocation.encode(), StandardCharsets.UTF_8)).isEqualTo("{\"session_id\":\"ses_1\","
                + "\"org_id\":\"org_1\",\"reason\":\"logout\",\"revoked_at\":\"2026-12-05T10:00:00Z\",\"expires_at\":\"2026-12-05T10:15:00Z\"}");
        assertThat(SessionRevocation.decode(revocation.encode())).isEqualTo(revocation);
    }

    @Test
    void anApiKeyRevocationOfAKeyOrOfAWholeOrganizationReadsBackAsWritten() {
        ApiKeyRevocation ofKey = ApiKeyRevocation.ofKey("key_1", "org_1", "updated", T);
        assertThat(new String(ofKey.encode(), StandardCharsets.UTF_8)).isEqualTo("{\"key_id\":\"key_1\",\"org_id\":\"org_1\","
                + "\"reason\":\"updated\",\"at\":\"2026-12-05T10:00:00Z\",\"key_ends_at\":null}");
        assertThat(ApiKeyRevocation.decode(ofKey.encode())).isEqualTo(ofKey);
        ApiKeyRevocation rotated = ApiKeyRevocation.ending("key_1", "org_1", "rotated", T, T.plusSeconds(60));
        assertThat(new String(rotated.encode(), StandardCharsets.UTF_8)).endsWith("\"key_ends_at\":\"2026-12-05T10:01:00Z\"}");
        assertThat(ApiKeyRevocation.decode(rotated.encode())).isEqualTo(rotated);
        ApiKeyRevocation ofOrganization = ApiKeyRevocation.ofOrganization("org_1", "policy_changed", T);
        assertThat(ApiKeyRevocation.decode(ofOrganization.encode())).isEqualTo(ofOrganization);
    }

    @Test
    void anApiKeyRevocationWrittenBeforeKeyEndsAtReadsAsAKeyThatLivesOn() {
        byte[] older = "{\"key_id\":\"key_1\",\"org_id\":\"org_1\",\"reason\":\"revoked\",\"at\":\"2026-12-05T10:00:00Z\"}"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(ApiKeyRevocation.decode(older)).isEqualTo(ApiKeyRevocation.ofKey("key_1", "org_1", "revoked", T));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"org_id\":\"o\",\"revoked_at\":\"2026-12-05T10:00:00Z\",\"expires_at\":\"2026-12-05T10:00:00Z\"}",
            "{\"session_id\":\"s\",\"expires_at\":\"2026-12-05T10:00:00Z\"}", "[]", "not json"})
    void aSessionRevocationWithoutItsIdOrTimesOrNotJsonAtAllIsUnreadable(String bad) {
        assertThatThrownBy(() -> SessionRevocation.decode(bad.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("not a session revocation");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"key_id\":\"k\",\"at\":\"2026-12-05T10:00:00Z\"}", "{\"key_id\":\"k\",\"org_id\":\"o\"}", "not json"})
    void anApiKeyRevocationWithoutItsOrganizationOrTimeOrNotJsonAtAllIsUnreadable(String bad) {
        assertThatThrownBy(() -> ApiKeyRevocation.decode(bad.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("not an API key revocation");
    }
}
