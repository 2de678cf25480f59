package com.agentwallex.contract.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.agentwallex.contract.events.AuthEvent.Actor;
import com.agentwallex.contract.events.AuthEvent.ActorType;
import com.agentwallex.contract.events.AuthEvent.Data;
import com.agentwallex.contract.events.AuthEvent.Outcome;
import com.agentwallex.contract.events.AuthEvent.Resource;
import com.agentwallex.contract.events.InvalidEventException.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class AuthEventCodecTest {

    static AuthEvent sample(AuthEventType type) {
        return AuthEvent.create("auth-service", type, "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                new Data("org_1", new Actor(ActorType.USER, "usr_1"), Outcome.SUCCESS, null, "203.0.113.7",
                        "curl/8", "req-1", new Resource("session", "ses_1"), Map.of("attempts", 2)));
    }

    @ParameterizedTest
    @EnumSource(AuthEventType.class)
    void everyEventTypeSurvivesARoundTripUnchanged(AuthEventType type) throws Exception {
        AuthEvent event = sample(type);
        assertThat(AuthEventCodec.decode(AuthEventCodec.encode(event))).isEqualTo(event);
    }

    @Test
    void wireNamesAreTheSpecVocabulary() {
        assertThat(AuthEventType.fromWireName("auth.token.reuse_detected")).contains(AuthEventType.TOKEN_REUSE_DETECTED);
        assertThat(AuthEventType.fromWireName("TOKEN_REUSE_DETECTED")).isEmpty();
        assertThat(new String(AuthEventCodec.encode(sample(AuthEventType.API_KEY_USED)), StandardCharsets.UTF_8))
                .contains("\"type\":\"api_key.used\"", "\"org_id\":\"org_1\"", "\"actor\":{\"type\":\"user\"");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not json                  | {"specversion":                                              | NOT_JSON
            array                     | []                                                           | WRONG_TYPE
            trailing garbage          | {"specversion":"1.0"} x                                      | NOT_JSON
            duplicate member          | {"id":"a","id":"b"}                                          | NOT_JSON
            missing id                | {"specversion":"1.0","source":"s","type":"api_key.used","time":"2026-01-01T00:00:00Z","data":{}} | MISSING_FIELD
            wrong spec version        | {"specversion":"0.3","id":"x"}                               | UNSUPPORTED_SPEC_VERSION
            id not uuid               | {"specversion":"1.0","id":"42","source":"s","type":"api_key.used","time":"2026-01-01T00:00:00Z","data":{}} | INVALID_VALUE
            unknown type              | {"specversion":"1.0","id":"0b6a3f4e-1f0e-4c33-9a51-0c1c3b7e5a10","source":"s","type":"auth.magic","time":"2026-01-01T00:00:00Z","data":{}} | UNKNOWN_TYPE
            missing time              | {"specversion":"1.0","id":"0b6a3f4e-1f0e-4c33-9a51-0c1c3b7e5a10","source":"s","type":"api_key.used","data":{}} | MISSING_FIELD
            time not rfc3339          | {"specversion":"1.0","id":"0b6a3f4e-1f0e-4c33-9a51-0c1c3b7e5a10","source":"s","type":"api_key.used","time":"yesterday","data":{}} | INVALID_VALUE
            time past four digits     | {"specversion":"1.0","id":"0b6a3f4e-1f0e-4c33-9a51-0c1c3b7e5a10","source":"s","type":"api_key.used","time":"+300000-01-01T00:00:00Z","data":{}} | INVALID_VALUE
            missing org               | {"specversion":"1.0","id":"0b6a3f4e-1f0e-4c33-9a51-0c1c3b7e5a10","source":"s","type":"api_key.used","time":"2026-01-01T00:00:00Z","data":{"actor":{"type":"user","id":"u"},"outcome":"success"}} | MISSING_FIELD
            org is a number           | {"specversion":"1.0","id":"0b6a3f4e-1f0e-4c33-9a51-0c1c3b7e5a10","source":"s","type":"api_key.used","time":"2026-01-01T00:00:00Z","data":{"org_id":7,"actor":{"type":"user","id":"u"},"outcome":"success"}} | WRONG_TYPE
            data is a string          | {"specversion":"1.0","id":"0b6a3f4e-1f0e-4c33-9a51-0c1c3b7e5a10","source":"s","type":"api_key.used","time":"2026-01-01T00:00:00Z","data":"x"} | WRONG_TYPE
            unknown data member       | {"specversion":"1.0","id":"0b6a3f4e-1f0e-4c33-9a51-0c1c3b7e5a10","source":"s","type":"api_key.used","time":"2026-01-01T00:00:00Z","data":{"org_id":"o","actor":{"type":"user","id":"u"},"outcome":"success","password":"x"}} | UNKNOWN_FIELD
            bad actor type            | {"specversion":"1.0","id":"0b6a3f4e-1f0e-4c33-9a51-0c1c3b7e5a10","source":"s","type":"api_key.used","time":"2026-01-01T00:00:00Z","data":{"org_id":"o","actor":{"type":"robot","id":"u"},"outcome":"success"}} | INVALID_VALUE
            bad outcome               | {"specversion":"1.0","id":"0b6a3f4e-1f0e-4c33-9a51-0c1c3b7e5a10","source":"s","type":"api_key.used","time":"2026-01-01T00:00:00Z","data":{"org_id":"o","actor":{"type":"user","id":"u"},"outcome":"maybe"}} | INVALID_VALUE
            details not an object     | {"specversion":"1.0","id":"0b6a3f4e-1f0e-4c33-9a51-0c1c3b7e5a10","source":"s","type":"api_key.used","time":"2026-01-01T00:00:00Z","data":{"org_id":"o","actor":{"type":"user","id":"u"},"outcome":"success","details":[1]}} | WRONG_TYPE
            nul character             | {"specversion":"1.0","id":"0b6a3f4e-1f0e-4c33-9a51-0c1c3b7e5a10","source":"s","type":"api_key.used","time":"2026-01-01T00:00:00Z","data":{"org_id":"o\\u0000","actor":{"type":"user","id":"u"},"outcome":"success"}} | INVALID_VALUE
            nul in details            | {"specversion":"1.0","id":"0b6a3f4e-1f0e-4c33-9a51-0c1c3b7e5a10","source":"s","type":"api_key.used","time":"2026-01-01T00:00:00Z","data":{"org_id":"o","actor":{"type":"user","id":"u"},"outcome":"success","details":{"a":["x\\u0000"]}}} | INVALID_VALUE
            nul in a details name     | {"specversion":"1.0","id":"0b6a3f4e-1f0e-4c33-9a51-0c1c3b7e5a10","source":"s","type":"api_key.used","time":"2026-01-01T00:00:00Z","data":{"org_id":"o","actor":{"type":"user","id":"u"},"outcome":"success","details":{"a\\u0000":1}}} | INVALID_VALUE
            number beyond a double    | {"specversion":"1.0","id":"0b6a3f4e-1f0e-4c33-9a51-0c1c3b7e5a10","source":"s","type":"api_key.used","time":"2026-01-01T00:00:00Z","data":{"org_id":"o","actor":{"type":"user","id":"u"},"outcome":"success","details":{"a":{"b":[-1e400]}}}} | INVALID_VALUE
            object extension          | {"specversion":"1.0","id":"0b6a3f4e-1f0e-4c33-9a51-0c1c3b7e5a10","source":"s","type":"api_key.used","time":"2026-01-01T00:00:00Z","x":{},"data":{}} | UNKNOWN_FIELD
            """)
    void malformedEventsAreRejectedWithTheirReason(String name, String json, Reason reason) {
        assertThatThrownBy(() -> AuthEventCodec.decode(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @Test
    void aDetailsReaderThatFailsRejectsTheEventInsteadOfThrowingPastTheCaller() {
        byte[] valid = AuthEventCodec.encode(sample(AuthEventType.LOGIN_SUCCEEDED));
        assertThatThrownBy(() -> AuthEventCodec.decode(valid, details -> {
            throw new IllegalStateException("cannot hash this");
        })).isInstanceOfSatisfying(InvalidEventException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.INVALID_VALUE);
            assertThat(e.getMessage()).doesNotContain("IllegalStateException");
        });
    }

    @Test
    void recordsOver64KiBAreRejectedBeforeParsing() {
        byte[] huge = new byte[AuthEventCodec.MAX_BYTES + 1];
        assertThatThrownBy(() -> AuthEventCodec.decode(huge))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
    }

    @Test
    void anEventTooLargeToDeliverIsRefusedAtTheProducer() {
        AuthEvent event = AuthEvent.create("auth-service", AuthEventType.ACCESS_DENIED, null,
                new Data("org_1", new Actor(ActorType.SERVICE, "svc"), Outcome.FAILURE, null, null, null, null, null,
                        Map.of("blob", "x".repeat(AuthEventCodec.MAX_BYTES))));
        assertThatThrownBy(() -> AuthEventCodec.encode(event)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cloudEventsExtensionAttributesAreTolerated() throws Exception {
        String json = new String(AuthEventCodec.encode(sample(AuthEventType.LOGIN_FAILED)), StandardCharsets.UTF_8)
                .replaceFirst("\\{", "{\"partitionkey\":\"org_1\",");
        assertThat(AuthEventCodec.decode(json.getBytes(StandardCharsets.UTF_8)).type()).isEqualTo(AuthEventType.LOGIN_FAILED);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "2026-01-01T00:00:00Z", "2026-12-06T04:50:05.1Z", "2026-12-06T04:50:05.123456Z",
            "1999-07-31T23:59:59.123456789Z", "2024-02-29T12:00:00Z", "0001-01-01t00:00:00z", "2026-01-01t00:00:00Z",
            "2025-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-13-01T00:00:00Z", "2026-01-01T24:00:00Z",
            "2026-12-31T23:59:60Z", "2026-01-01T00:60:00Z", "2026-12-06T05:50:05.5+01:00"})
    void everyTimeReadsAsInstantParseReadsItOrIsRefusedWhereItRefuses(String time) {
        byte[] json = ("{\"specversion\":\"1.0\",\"id\":\"0b6a3f4e-1f0e-4c33-9a51-0c1c3b7e5a10\",\"source\":\"s\","
                + "\"type\":\"api_key.used\",\"time\":\"" + time + "\",\"data\":{\"org_id\":\"o\","
                + "\"actor\":{\"type\":\"user\",\"id\":\"u\"},\"outcome\":\"success\"}}").getBytes(StandardCharsets.UTF_8);
        Instant expected;
        try {
            expected = OffsetDateTime.parse(time.toUpperCase(Locale.ROOT)).toInstant();
        } catch (DateTimeParseException e) {
            try {
                expected = Instant.parse(time);
            } catch (DateTimeParseException again) {
                expected = null;
            }
        }
        if (expected == null) {
            assertThatThrownBy(() -> AuthEventCodec.decode(json))
                    .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_VALUE));
        } else {
            Instant read = assertDoesNotThrow(() -> AuthEventCodec.decode(json)).time();
            assertThat(read).isEqualTo(expected);
        }
    }

    @Test
    void aReaderOfDetailsGetsTheObjectThatCameAndTheEventTheRestUnchanged() throws Exception {
        AuthEvent event = sample(AuthEventType.LOGIN_SUCCEEDED);
        AuthEventCodec.Read<String> read = AuthEventCodec.decode(AuthEventCodec.encode(event), Object::toString);
        assertThat(read.details()).isEqualTo("{\"attempts\":2}");
        assertThat(read.event()).isEqualTo(event.withDetails(Map.of()));
        AuthEvent without = event.withDetails(Map.of());
        assertThat(AuthEventCodec.decode(AuthEventCodec.encode(without), Object::toString).details()).isEqualTo("{}");
    }
}
