package com.agentwallex.system.support;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/** An organization's audit log as its members read it: every page of GET /api/v1/audit-logs. */
public final class AuditTrail {

    /** The facts of one entry that the checks compare. */
    public record Entry(String id, String type, String actorType, String actorId, String outcome, String reason,
                        String clientIp, String resourceId, Map<String, Object> details, String traceparent) {

        public String summary() {
            return type + " " + actorType + " " + outcome;
        }
    }

    private AuditTrail() {
    }

    /** Oldest first. */
    public static List<Entry> read(String bearer) {
        List<Entry> newestFirst = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().baseUri(Stack.url(Stack.Service.AUDIT)).header("Authorization", "Bearer " + bearer)
                    .queryParam("limit", 500);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/v1/audit-logs").then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> data = page.getList("data");
            data.forEach(row -> newestFirst.add(entry(row)));
            cursor = page.getBoolean("has_more") ? page.getString("next_cursor") : null;
        } while (cursor != null);
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    /**
     * Waits until the log holds {@code count} entries that match, then until nothing more is on its
     * way (outboxes empty, audit-service caught up with the topic), and returns the whole log as it
     * then stands: a duplicate or a stray event arriving after the count was reached is in it.
     */
    public static List<Entry> await(String bearer, Predicate<Entry> match, int count, Duration atMost) {
        Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(250))
                .until(() -> read(bearer), trail -> trail.stream().filter(match).count() >= count);
        Stack.awaitSettled(atMost);
        return read(bearer);
    }

    /** How many entries of each type the log holds. */
    public static Map<String, Long> countByType(List<Entry> trail) {
        return trail.stream().collect(java.util.stream.Collectors.groupingBy(Entry::type, java.util.TreeMap::new,
                java.util.stream.Collectors.counting()));
    }

    @SuppressWarnings("unchecked")
    private static Entry entry(Map<String, Object> row) {
        Map<String, Object> actor = (Map<String, Object>) row.getOrDefault("actor", Map.of());
        Map<String, Object> resource = (Map<String, Object>) row.get("resource");
        return new Entry((String) row.get("id"), (String) row.get("type"), (String) actor.get("type"),
                (String) actor.get("id"), (String) row.get("outcome"), (String) row.get("reason"),
                (String) row.get("client_ip"), resource == null ? null : (String) resource.get("id"),
                (Map<String, Object>) row.getOrDefault("details", Map.of()), (String) row.get("traceparent"));
    }
}
