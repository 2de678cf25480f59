package com.agentwallex.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.function.Function;

/**
 * The JSON of the small records on the compacted topics (session and API-key revocations,
 * organization plans), written and read one way: a record that cannot be read is an
 * {@link IllegalArgumentException} naming what it should have been, whatever was wrong with it.
 */
public final class TopicRecordJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TopicRecordJson() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static byte[] write(ObjectNode record) {
        try {
            return MAPPER.writeValueAsBytes(record);
        } catch (IOException e) {
            // A tree of strings always serializes: this would be a bug, not bad input.
            throw new IllegalStateException(e);
        }
    }

    /** {@code reader} builds the record from the parsed JSON; any failure, there or in parsing, is "not {@code what}". */
    public static <T> T read(byte[] bytes, String what, Function<JsonNode, T> reader) {
        try {
            return reader.apply(MAPPER.readTree(bytes));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not " + what, e);
        }
    }
}
