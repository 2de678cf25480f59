package com.agentwallex.apikey.verification;

import static org.assertj.core.api.Assertions.assertThat;

import com.agentwallex.common.net.IpAllowlist;
import com.agentwallex.contract.apikey.ApiKeyFormat.Environment;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A cached key keeps its encoded VALID answer only once it has been asked twice, and weighs what it holds. */
class CachedKeyAnswerTest {

    private static CachedKey key() {
        return new CachedKey("key_1", "org_1", Environment.SANDBOX, List.of("wallets:read"),
                IpAllowlist.fromStored(new String[0]), null, null, null, false, "free", List.of(), new CachedKey.Memo());
    }

    @Test
    void aKeysFirstValidAnswerIsNotKeptAndItsSecondIsReusedFromThenOn() {
        CachedKey key = key();

        VerifyResponse first = key.answer(VerifyCode.VALID);
        VerifyResponse second = key.answer(VerifyCode.VALID);

        assertThat(first.memo()).isNull();
        assertThat(second.memo()).isNotNull();
        assertThat(key.answer(VerifyCode.VALID)).isSameAs(second);
        assertThat(first).usingRecursiveComparison().ignoringFields("memo").isEqualTo(second);
    }

    @Test
    void aKeyWeighsOneInTheCachePlusOneForEachAllowlistNetworkSoTheCacheStaysBoundedInMemory() {
        String[] networks = new String[IpAllowlist.MAX_ENTRIES];
        for (int i = 0; i < networks.length; i++) {
            networks[i] = "10.0." + i + ".0/24";
        }
        CachedKey allowlisted = new CachedKey("key_2", "org_1", Environment.SANDBOX, List.of("wallets:read"),
                IpAllowlist.fromStored(networks), null, null, null, false, "growth", List.of(), new CachedKey.Memo());

        assertThat(key().weight()).isEqualTo(1);
        assertThat(allowlisted.weight()).isEqualTo(1 + IpAllowlist.MAX_ENTRIES);
    }

    @Test
    void answersOtherThanValidAreNeverKept() {
        CachedKey key = key();

        key.answer(VerifyCode.VALID);

        assertThat(key.answer(VerifyCode.REVOKED).memo()).isNull();
        assertThat(key.answer(VerifyCode.INSUFFICIENT_SCOPE).memo()).isNull();
        assertThat(key.answer(VerifyCode.REVOKED).valid()).isFalse();
    }
}
