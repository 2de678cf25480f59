package com.agentwallex.common.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpAddressesTest {

    @ParameterizedTest
    @CsvSource({
        "2001:DB8:0:0:0:0:0:1, 2001:db8::1",
        "2001:db8::1, 2001:db8::1",
        "2001:0db8:0000:0000:0001:0000:0000:0001, 2001:db8::1:0:0:1",
        "0:0:0:0:0:0:0:1, ::1",
        "203.0.113.9, 203.0.113.9",
        "::ffff:203.0.113.9, 203.0.113.9",
        "::FFFF:CB00:7109, 203.0.113.9",
        "not an address, not an address"
    })
    void everySpellingOfAnAddressBecomesOne(String given, String canonical) {
        assertThat(IpAddresses.canonical(given)).isEqualTo(canonical);
    }

    @ParameterizedTest
    @CsvSource({
        "2001:db8::1, 2001:db8:0:0:0:0:0:1",
        "::1, 0:0:0:0:0:0:0:1",
        "203.0.113.9, 203.0.113.9"
    })
    void theJdksSpellingIsTheUncompressedOne(String given, String jdk) {
        assertThat(IpAddresses.jdkSpelling(given)).isEqualTo(jdk);
    }
}
