package com.agentwallex.audit.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.agentwallex.audit.verifier.EventChain;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Follows GET /api/v1/audit-logs?after_seq= as a poller does, and checks the links it reads. */
public final class ChainReader {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private ChainReader() {
    }

    /** Every event after {@code afterSeq} in stored order, following pages to the end. */
    public static List<JsonNode> after(String token, long afterSeq, Map<String, Object> filters) {
        List<JsonNode> events = new ArrayList<>();
        Map<String, Object> query = new HashMap<>(filters);
        long seq = afterSeq;
        while (true) {
            query.put("after_seq", seq);
            Response page = AuditApi.page(token, query);
            page.then().statusCode(200);
            JsonNode body = read(page.asString());
            body.get("data").forEach(events::add);
            if (!body.get("data").isEmpty()) {
                seq = body.get("data").get(body.get("data").size() - 1).get("seq").asLong();
            }
            if (!body.get("has_more").asBoolean()) {
                return events;
            }
        }
    }

    /** The whole chain of the caller's organization: seq 1, 2, … each linked to the one before. */
    public static List<JsonNode> verifiedChain(String token) {
        List<JsonNode> chain = after(token, 0, Map.of());
        String previous = EventChain.hex(EventChain.genesis());
        for (int i = 0; i < chain.size(); i++) {
            JsonNode event = chain.get(i);
            assertThat(event.get("seq").asLong()).as("seq of event %d", i).isEqualTo(i + 1L);
            assertThat(event.get("prev_hash").asText()).as("prev_hash of seq %d", i + 1).isEqualTo(previous);
            assertThat(event.get("hash").asText()).as("hash of seq %d", i + 1)
                    .isEqualTo(EventChain.hex(EventChain.link(EventChain.unhex(previous), event)));
            previous = event.get("hash").asText();
        }
        return chain;
    }

    public static List<String> ids(List<JsonNode> events) {
        return events.stream().map(e -> e.get("id").asText()).toList();
    }

    public static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
