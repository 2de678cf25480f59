package com.agentwallex.contract.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The JSON Schema shipped for other languages says what the Java codec does. */
class AuthEventSchemaTest {

    private static final Schema SCHEMA = load();

    private static Schema load() {
        try (InputStream in = AuthEventSchemaTest.class.getResourceAsStream("/schemas/auth-event.v1.schema.json")) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @EnumSource(AuthEventType.class)
    void everyEventTheCodecWritesIsValidAgainstTheSchema(AuthEventType type) {
        String json = new String(AuthEventCodec.encode(AuthEventCodecTest.sample(type)), StandardCharsets.UTF_8);
        assertThat(SCHEMA.validate(json, com.networknt.schema.InputFormat.JSON)).isEmpty();
    }

    static Stream<String> rejectedBoth() {
        String valid = new String(AuthEventCodec.encode(AuthEventCodecTest.sample(AuthEventType.API_KEY_CREATED)),
                StandardCharsets.UTF_8);
        return Stream.of(
                valid.replace("\"type\":\"api_key.created\"", "\"type\":\"api_key.deleted\""),
                valid.replace("\"org_id\":\"org_1\",", ""),
                valid.replace("\"org_id\":\"org_1\"", "\"org_id\":42"),
                valid.replace("\"outcome\":\"success\"", "\"outcome\":\"ok\""),
                valid.replace("\"specversion\":\"1.0\"", "\"specversion\":\"0.3\""),
                valid.replace("\"client_ip\"", "\"secret\""),
                valid.replaceFirst("\"id\":\"[^\"]+\"", "\"id\":\"not-a-uuid\""));
    }

    @ParameterizedTest
    @MethodSource("rejectedBoth")
    void whatTheCodecRejectsTheSchemaRejectsToo(String json) {
        assertThat(SCHEMA.validate(json, com.networknt.schema.InputFormat.JSON)).isNotEmpty();
        try {
            AuthEventCodec.decode(json.getBytes(StandardCharsets.UTF_8));
            throw new AssertionError("codec accepted " + json);
        } catch (InvalidEventException expected) {
            assertThat(expected.reason()).isNotNull();
        }
    }

    @Test
    void schemaIsShippedInTheJar() {
        assertThat(AuthEventSchemaTest.class.getResource("/schemas/auth-event.v1.schema.json")).isNotNull();
    }
}
