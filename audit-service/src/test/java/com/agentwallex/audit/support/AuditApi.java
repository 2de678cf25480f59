package com.agentwallex.audit.support;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** GET /api/v1/audit-logs as a client calls it. */
public final class AuditApi {

    public static final String PATH = "/api/v1/audit-logs";

    private AuditApi() {
    }

    public static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    public static Response page(String token, Map<String, ?> params) {
        return as(token).queryParams(params).get(PATH);
    }

    /** Follows next_cursor to the end and returns every event id in the order served. */
    public static List<String> allIds(String token, Map<String, Object> params) {
        List<String> ids = new ArrayList<>();
        Map<String, Object> query = new java.util.HashMap<>(params);
        while (true) {
            Response response = page(token, query);
            response.then().statusCode(200);
            ids.addAll(response.jsonPath().getList("data.id", String.class));
            String next = response.jsonPath().getString("next_cursor");
            if (next == null) {
                return ids;
            }
            query.put("cursor", next);
        }
    }
}
