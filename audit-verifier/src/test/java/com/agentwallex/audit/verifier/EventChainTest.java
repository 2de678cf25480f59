package com.agentwallex.audit.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EventChainTest {

    private static final String EVENT = """
            {"user_agent":"curl/8.5","id":"0b7e5a52-6f0c-4d7e-9a35-2b8f3c1d4e5f","type":"auth.login.succeeded",
             "time":"2026-12-04T21:53:22.12Z","source":"auth-service","subject":"usr_1","org_id":"org_1",
             "actor":{"type":"user","id":"usr_1"},"outcome":"success","client_ip":"203.0.113.9",
             "details":{"z":1.50,"a":[1E+2,-0.0,"é\\n\\u0001"],"b":null},"seq":7,
             "prev_hash":"ignored","hash":"ignored","not_covered":"ignored"}""";

    @Test
    void theCanonicalFormSortsMembersDropsNullsAndLinksAndWritesExactDecimalsAndMicroseconds() {
        assertThat(EventChain.canonical(Lines.read(EVENT))).isEqualTo(
                "{\"actor\":{\"id\":\"usr_1\",\"type\":\"user\"},\"client_ip\":\"203.0.113.9\","
                        + "\"details\":{\"a\":[100,0,\"é\\n\\u0001\"],\"b\":null,\"z\":1.5},"
                        + "\"id\":\"0b7e5a52-6f0c-4d7e-9a35-2b8f3c1d4e5f\",\"org_id\":\"org_1\",\"outcome\":\"success\","
                        + "\"seq\":7,\"source\":\"auth-service\",\"subject\":\"usr_1\","
                        + "\"time\":\"2026-12-04T21:53:22.120000Z\",\"type\":\"auth.login.succeeded\","
                        + "\"user_agent\":\"curl/8.5\"}");
    }

    @Test
    void theTimeIsWhatTheCanonicalPatternWritesForAnyInstantIncludingSignedAndWideYears() {
        DateTimeFormatter pattern = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
        Random random = new Random(7);
        List<Instant> instants = new ArrayList<>(List.of(Instant.EPOCH, Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("-0001-12-31T23:59:59.5Z"),
                Instant.parse("+10000-01-01T00:00:00.000001Z"), Instant.parse("2026-12-04T21:53:22.000000999Z")));
        for (int i = 0; i < 10_000; i++) {
            instants.add(Instant.ofEpochSecond(random.nextLong(-70_000_000_000L, 300_000_000_000L), random.nextInt(1_000_000_000)));
        }
        for (Instant instant : instants) {
            assertThat(EventChain.time(instant)).as(instant.toString()).isEqualTo(pattern.format(instant));
        }
    }

    @Test
    void aLinkIsSha256OfThePreviousHashFollowedByTheCanonicalForm() throws Exception {
        JsonNode event = Lines.read(EVENT);
        byte[] previous = new byte[32];
        previous[0] = 1;
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(previous);
        byte[] expected = sha.digest(EventChain.canonical(event).getBytes(StandardCharsets.UTF_8));
        assertThat(EventChain.link(previous, event)).isEqualTo(expected);
    }

    @Test
    void theIngestPathWritesTheSameCanonicalFormAsTheVerifierReadsFromALine() {
        JsonNode line = Lines.read("""
                {"id":"0b7e5a52-6f0c-4d7e-9a35-2b8f3c1d4e5f","type":"api_key.used","time":"2026-12-04T21:53:22.000001Z",
                 "source":"apikey-service","org_id":"org_\u00e9\\\"1","actor":{"type":"api_key","id":"key_1"},
                 "outcome":"failure","reason":"tab\\there","request_id":"req-1","resource":{"type":"api_key","id":"key_1"},
                 "details":{"count":3,"ratio":0.5},"traceparent":"00-abc-01","seq":42}""");
        EventChain.Fields fields = new EventChain.Fields("key_1", "api_key", null, "{\"count\":3,\"ratio\":0.5}",
                "0b7e5a52-6f0c-4d7e-9a35-2b8f3c1d4e5f", "org_\u00e9\"1", "failure", "tab\there", "req-1", "key_1", "api_key",
                42, "apikey-service", null, Instant.parse("2026-12-04T21:53:22.000001Z"), "00-abc-01",
                "api_key.used", null);
        assertThat(EventChain.canonical(fields)).isEqualTo(EventChain.canonical(line));
        assertThat(EventChain.link(new byte[32], fields)).isEqualTo(EventChain.link(new byte[32], line));
    }

    @Test
    void theSameNumberWrittenDifferentlyHashesTheSame() {
        JsonNode a = Lines.read("{\"details\":{\"n\":1.0E10,\"m\":0.10}}");
        JsonNode b = Lines.read("{\"details\":{\"m\":0.1,\"n\":10000000000}}");
        assertThat(EventChain.canonical(a)).isEqualTo(EventChain.canonical(b));
    }

    @Test
    void aLinkFromTheFieldsIsSha256OfTheUtf8CanonicalFormAtAnyLengthAndAlphabet() throws Exception {
        for (String reason : new String[] {"plain", "é ✓ 😀", "x".repeat(5_000), "y".repeat(3_000) + "é", "z".repeat(1_024)}) {
            EventChain.Fields fields = new EventChain.Fields("key_1", "api_key", null, "{}",
                    "0b7e5a52-6f0c-4d7e-9a35-2b8f3c1d4e5f", "org_1", "failure", reason, null, null, null, 1,
                    "apikey-service", null, Instant.parse("2026-12-04T21:53:22Z"), null, "api_key.used", null);
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(new byte[32]);
            byte[] expected = sha.digest(EventChain.canonical(fields).getBytes(StandardCharsets.UTF_8));
            assertThat(EventChain.link(new byte[32], fields)).as(reason.substring(0, Math.min(10, reason.length())))
                    .isEqualTo(expected);
        }
    }
}
