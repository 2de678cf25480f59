package com.agentwallex.sdk;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.Instant;
import java.util.function.Function;

/**
 * The API's JSON: snake_case members, ISO-8601 instants, environments by their wire names. Members
 * this SDK does not know are ignored, so an API that grows does not break deployed clients; the
 * members it sends are only those set, because the API rejects what it does not expect.
 * Instants are handled here rather than by jackson-datatype-jsr310, to keep Jackson the only
 * dependency.
 */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .registerModule(new SimpleModule("agentwallex")
                    .addSerializer(Instant.class, serializer(Instant::toString))
                    .addDeserializer(Instant.class, deserializer(Instant::parse))
                    .addSerializer(Environment.class, serializer(Environment::wireName))
                    .addDeserializer(Environment.class, deserializer(name -> Environment.fromWireName(name).orElse(null))));

    /** A value written as one JSON string. */
    private static <T> JsonSerializer<T> serializer(Function<T, String> asString) {
        return new JsonSerializer<>() {
            @Override
            public void serialize(T value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(asString.apply(value));
            }
        };
    }

    private static <T> JsonDeserializer<T> deserializer(Function<String, T> fromString) {
        return new JsonDeserializer<>() {
            @Override
            public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                return fromString.apply(p.getValueAsString());
            }
        };
    }

    private Json() {
    }

    static JavaType type(Class<?> type) {
        return MAPPER.constructType(type);
    }

    static JavaType listOf(Class<?> element) {
        return MAPPER.getTypeFactory().constructCollectionType(java.util.List.class, element);
    }
}
